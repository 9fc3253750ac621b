-- public_credential_search: written by test/e2e/read-model-statements.e2e-spec.ts (npm run sql); do not edit.
SELECT pc.id, pc.number, pc.status, pc.suspended_until::text, pc.valid_from::text,
                    pc.valid_until::text, pc.issuing_authority, pc.type_code, pc.type_name,
                    pc.profession, pc.full_name, pc.superseded_by, pc.sanction_events,
                    public_ethics_sanctions_of(pc.person_id) AS holder_sanctions FROM public_credentials pc
              WHERE pc.folded_name LIKE '%' || fold_text($1) || '%'
                AND ($2::text IS NULL OR fold_text(pc.profession) = fold_text($2)
                     OR pc.profession_code = upper(btrim($2)))
                AND ($3::text IS NULL OR pc.chapter_id = (SELECT coded.id FROM chapters coded WHERE coded.code = $3))
              ORDER BY pc.full_name, pc.number
              LIMIT $4
