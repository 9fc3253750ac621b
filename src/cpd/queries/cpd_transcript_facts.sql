-- cpd_transcript_facts: written by test/e2e/read-model-statements.e2e-spec.ts (npm run sql); do not edit.
SELECT
  (SELECT coalesce(json_agg(credit ORDER BY credit."earnedOn", credit.id), '[]'::json)
     FROM (SELECT id, title, domain, category, earned_on::text AS "earnedOn",
                  credits::float8 AS credits, source
             FROM cpd_credits
            WHERE person_id = $2 AND earned_on <= $1
              AND (removed_on IS NULL OR removed_on > $1)) credit) AS credits,
  (SELECT coalesce(json_agg(policy ORDER BY policy.code, policy."effectiveFrom"), '[]'::json)
     FROM (SELECT id, code, profession_id AS "professionId",
       (SELECT named.code FROM professions named WHERE named.id = profession_id) AS "professionCode", name,
       effective_from::text AS "effectiveFrom",
       credential_type_code AS "credentialTypeCode",
       membership_category_code AS "membershipCategoryCode", speciality, rules,
       created_at AS "createdAt" FROM cpd_policies) policy) AS policies,
  (SELECT coalesce(json_agg(cycle ORDER BY cycle."validFrom", cycle.number), '[]'::json)
        FROM (SELECT c.person_id AS "personId", t.code AS "typeCode",
          t.profession_id AS "typeProfessionId", c.number,
          coalesce(p.valid_from, c.valid_from)::text AS "validFrom",
          (CASE WHEN p.valid_from IS NULL OR next.valid_from IS NULL THEN c.valid_until
                ELSE p.valid_until END)::text AS "validUntil",
          coalesce(((c.status = 'active' OR (c.status = 'suspended' AND c.suspended_until < $1::date)) AND (c.valid_until IS NULL OR c.valid_until >= $1::date))
                   AND (next.valid_from IS NULL OR next.valid_from > $1::date),
                   false) AS active
     FROM credentials c JOIN credential_types t ON t.id = c.credential_type_id
     LEFT JOIN credential_periods p
       ON p.credential_id = c.id AND p.valid_from <= $1::date
     LEFT JOIN LATERAL (
       SELECT min(later.valid_from) AS valid_from FROM credential_periods later
        WHERE later.credential_id = c.id AND later.valid_from > p.valid_from) next ON true
    WHERE c.person_id = $2 AND c.status <> 'revoked'
      AND c.verification_status = 'verified' AND c.valid_from <= $1::date
    ORDER BY c.person_id, coalesce(p.valid_from, c.valid_from), c.number) cycle) AS cycles,
  (SELECT row_to_json(member)
        FROM (SELECT m.person_id AS "personId", p.full_name AS "fullName",
         m.member_number AS "memberNumber", c.code AS "categoryCode",
         c.profession_id AS "categoryProfessionId", m.speciality,
         m.member_since::text AS "memberSince"
    FROM memberships m
    JOIN membership_categories c ON c.id = m.category_id
    JOIN persons p ON p.id = m.person_id
               WHERE m.person_id = $2
                 AND CASE
  WHEN m.status IN ('revoked', 'resigned', 'deceased') THEN m.status
  WHEN m.status = 'suspended' AND (m.suspended_until IS NULL OR m.suspended_until >= $1::date) THEN 'suspended'
  WHEN $1::date <= m.covered_until THEN 'active'
  WHEN $1::date <= m.covered_until + c.grace_days THEN 'grace'
  ELSE 'lapsed' END IN ('active', 'grace')) member) AS member,
  (SELECT coalesce(json_agg(remedial ORDER BY remedial."startsOn"), '[]'::json)
        FROM (SELECT s.case_id AS "caseId", t.name, s.credits, s.took_effect_on::text AS "startsOn",
          s.due_on::text AS "dueOn"
     FROM case_sanctions s
     JOIN sanction_types t ON t.id = s.sanction_type_id
     JOIN ethics_cases c ON c.id = s.case_id
    WHERE c.respondent_person_id = $2 AND t.effect = 'remedial' AND s.took_effect_on IS NOT NULL
    ORDER BY s.took_effect_on, s.id) remedial) AS remedials
