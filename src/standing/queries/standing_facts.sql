-- standing_facts: written by test/e2e/read-model-statements.e2e-spec.ts (npm run sql); do not edit.
SELECT
    (SELECT json_build_object(
            'membershipId', m.id, 'memberNumber', m.member_number, 'memberSince', m.member_since,
            'importId', m.import_id,
            'category', json_build_object(
              'code', c.code, 'name', c.name, 'professionId', c.profession_id,
              'requirements', c.requirements, 'graceDays', c.grace_days),
            'changes', (SELECT coalesce(json_agg(json_build_object(
                                 'toStatus', ch.to_status, 'effectiveOn', ch.effective_on,
                                 'suspendedUntil', ch.suspended_until)
                               ORDER BY ch.effective_on, ch.created_at, ch.id), '[]'::json)
                          FROM membership_status_changes ch WHERE ch.membership_id = m.id),
            'granted', (SELECT coalesce(json_agg(json_build_object(
                                 'endsOn', p.ends_on,
                                 'grantedOn', (p.granted_at AT TIME ZONE $3)::date)), '[]'::json)
                          FROM membership_periods p
                         WHERE p.membership_id = m.id AND p.granted_at IS NOT NULL))
       FROM memberships m JOIN membership_categories c ON c.id = m.category_id
      WHERE m.person_id = $1) AS membership,
    (SELECT coalesce(json_agg(history), '[]'::json)
        FROM (SELECT c.id, t.id AS "typeId", t.code AS "typeCode", t.name AS "typeName",
          t.profession_id AS "typeProfessionId", c.number,
          c.verification_status AS verification, t.publicly_verifiable AS "publiclyVerifiable",
          c.valid_from::text AS "heldSince", coalesce(p.valid_from, c.valid_from)::text AS "validFrom",
          (CASE WHEN p.valid_from IS NULL THEN c.valid_until
                ELSE coalesce(renewed.valid_until, p.valid_until) END)::text AS "validUntil",
          r.revoked_on::text AS "revokedOn",
          sup.superseded_on::text AS "supersededOn",
          CASE WHEN sup.superseded_on IS NOT NULL THEN successor.number END AS "supersededBy",
          s.event = 'suspended' AS suspended, s.suspended_until::text AS "suspendedUntil"
     FROM credentials c
     JOIN credential_types t ON t.id = c.credential_type_id
     LEFT JOIN LATERAL (
       SELECT valid_from, valid_until FROM credential_periods
        WHERE credential_id = c.id AND valid_from <= $2::date
        ORDER BY valid_from DESC LIMIT 1) p ON true
     LEFT JOIN credential_periods renewed
       ON renewed.credential_id = c.id AND renewed.valid_from = p.valid_until + 1
     LEFT JOIN LATERAL (
       SELECT min(coalesce(effective_on, (occurred_at AT TIME ZONE $3)::date)) AS revoked_on FROM credential_events
        WHERE credential_id = c.id AND event = 'revoked' AND coalesce(effective_on, (occurred_at AT TIME ZONE $3)::date) <= $2::date) r ON true
     LEFT JOIN LATERAL (
       SELECT min(coalesce(effective_on, (occurred_at AT TIME ZONE $3)::date)) AS superseded_on FROM credential_events
        WHERE credential_id = c.id AND event = 'superseded' AND coalesce(effective_on, (occurred_at AT TIME ZONE $3)::date) <= $2::date) sup ON true
     LEFT JOIN credentials successor ON successor.id = c.superseded_by_id
     LEFT JOIN LATERAL (
       SELECT event, suspended_until FROM credential_events
        WHERE credential_id = c.id AND event IN ('suspended', 'reinstated')
          AND coalesce(effective_on, (occurred_at AT TIME ZONE $3)::date) <= $2::date
        ORDER BY coalesce(effective_on, (occurred_at AT TIME ZONE $3)::date) DESC, occurred_at DESC LIMIT 1) s ON true
    WHERE c.person_id = $1 AND c.valid_from <= $2::date
    ORDER BY t.code, coalesce(p.valid_from, c.valid_from) DESC, c.number) history) AS credentials,
    (SELECT json_build_object('overdue', count(*), 'outstanding', coalesce(sum(owed), 0)::text,
                               'currency', min(currency), 'since', min(due_on))
        FROM (SELECT i.currency, i.due_on,
                     i.amount_minor - coalesce((SELECT sum(p.amount_minor) FROM payments p
                                                 WHERE p.invoice_id = i.id AND p.paid_on <= $2::date), 0) AS owed
                FROM invoices i
               WHERE i.person_id = $1 AND i.status <> 'waived'
                 AND i.issued_on <= $2::date AND i.due_on < $2::date) open
       WHERE owed > 0) AS overdue,
    (SELECT coalesce(json_agg(json_build_object(
                 'degree', q.degree, 'degreeCode', q.degree_code, 'status', q.status, 'field', q.field,
                 'institutionAccredited', i.accreditation_status = 'accredited', 'degreeLevel', d.level)
               ORDER BY q.created_at), '[]'::json)
        FROM qualifications q JOIN institutions i ON i.id = q.institution_id
        LEFT JOIN degrees d ON d.code = q.degree_code
       WHERE q.person_id = $1 AND q.status = 'verified') AS qualifications,
    (SELECT json_build_object('version', v.version, 'pledged', EXISTS (
               SELECT 1 FROM ethics_pledges pledge
                 JOIN ethics_code_versions later ON later.id = pledge.code_version_id
                WHERE pledge.person_id = $1 AND later.profession_id = v.profession_id
                  AND later.withdrawn_at IS NULL AND later.effective_from >= v.effective_from
                  AND (pledge.pledged_at AT TIME ZONE $3)::date <= $2::date))
        FROM ethics_code_versions v
       WHERE v.profession_id = (SELECT c.profession_id FROM memberships m
        JOIN membership_categories c ON c.id = m.category_id WHERE m.person_id = $1) AND v.withdrawn_at IS NULL
         AND v.effective_from <= $2::date
       ORDER BY v.effective_from DESC LIMIT 1) AS pledge,
    json_build_object(
       'sanctions', (SELECT coalesce(json_agg(json_build_object(
                             'type', t.code, 'name', t.name, 'effect', t.effect, 'public', t.public,
                             'startsOn', s.starts_on, 'endsOn', s.ends_on, 'dueOn', s.due_on)
                           ORDER BY s.took_effect_on), '[]'::json)
                       FROM case_sanctions s
                       JOIN sanction_types t ON t.id = s.sanction_type_id
                       JOIN ethics_cases c ON c.id = s.case_id
                      WHERE c.respondent_person_id = $1 AND s.took_effect_on <= $2::date
                        AND (t.effect = 'revocation'
                             OR (t.effect = 'suspension' AND s.ends_on >= $2::date)
                             OR (t.effect = 'remedial' AND s.due_on >= $2::date))),
       'openInvestigations', (SELECT count(*)
                                FROM ethics_cases c,
                                     LATERAL (SELECT e.to_status FROM ethics_case_events e
                                               WHERE e.case_id = c.id AND e.kind IN ('opened', 'moved')
                                                 AND e.occurred_on <= $2::date
                                               ORDER BY e.occurred_on DESC, e.id DESC LIMIT 1) AS on_the_day
                               WHERE c.respondent_person_id = $1 AND c.appeal_of_case_id IS NULL
                                 AND on_the_day.to_status = ANY($4::text[]))) AS ethics,
    (SELECT row_to_json(facts) FROM (SELECT
  (SELECT coalesce(json_agg(credit ORDER BY credit."earnedOn", credit.id), '[]'::json)
     FROM (SELECT id, title, domain, category, earned_on::text AS "earnedOn",
                  credits::float8 AS credits, source
             FROM cpd_credits
            WHERE person_id = $1 AND earned_on <= $2
              AND (removed_on IS NULL OR removed_on > $2)) credit) AS credits,
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
          coalesce(((c.status = 'active' OR (c.status = 'suspended' AND c.suspended_until < $2::date)) AND (c.valid_until IS NULL OR c.valid_until >= $2::date))
                   AND (next.valid_from IS NULL OR next.valid_from > $2::date),
                   false) AS active
     FROM credentials c JOIN credential_types t ON t.id = c.credential_type_id
     LEFT JOIN credential_periods p
       ON p.credential_id = c.id AND p.valid_from <= $2::date
     LEFT JOIN LATERAL (
       SELECT min(later.valid_from) AS valid_from FROM credential_periods later
        WHERE later.credential_id = c.id AND later.valid_from > p.valid_from) next ON true
    WHERE c.person_id = $1 AND c.status <> 'revoked'
      AND c.verification_status = 'verified' AND c.valid_from <= $2::date
    ORDER BY c.person_id, coalesce(p.valid_from, c.valid_from), c.number) cycle) AS cycles,
  (SELECT row_to_json(member)
        FROM (SELECT m.person_id AS "personId", p.full_name AS "fullName",
         m.member_number AS "memberNumber", c.code AS "categoryCode",
         c.profession_id AS "categoryProfessionId", m.speciality,
         m.member_since::text AS "memberSince"
    FROM memberships m
    JOIN membership_categories c ON c.id = m.category_id
    JOIN persons p ON p.id = m.person_id
               WHERE m.person_id = $1
                 AND CASE
  WHEN m.status IN ('revoked', 'resigned', 'deceased') THEN m.status
  WHEN m.status = 'suspended' AND (m.suspended_until IS NULL OR m.suspended_until >= $2::date) THEN 'suspended'
  WHEN $2::date <= m.covered_until THEN 'active'
  WHEN $2::date <= m.covered_until + c.grace_days THEN 'grace'
  ELSE 'lapsed' END IN ('active', 'grace')) member) AS member,
  (SELECT coalesce(json_agg(remedial ORDER BY remedial."startsOn"), '[]'::json)
        FROM (SELECT s.case_id AS "caseId", t.name, s.credits, s.took_effect_on::text AS "startsOn",
          s.due_on::text AS "dueOn"
     FROM case_sanctions s
     JOIN sanction_types t ON t.id = s.sanction_type_id
     JOIN ethics_cases c ON c.id = s.case_id
    WHERE c.respondent_person_id = $1 AND t.effect = 'remedial' AND s.took_effect_on IS NOT NULL
    ORDER BY s.took_effect_on, s.id) remedial) AS remedials) facts) AS cpd
