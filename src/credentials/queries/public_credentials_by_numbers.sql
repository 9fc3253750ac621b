-- public_credentials_by_numbers: written by test/e2e/read-model-statements.e2e-spec.ts (npm run sql); do not edit.
SELECT pc.id, pc.number, pc.status, pc.suspended_until::text, pc.valid_from::text,
                    pc.valid_until::text, pc.issuing_authority, pc.type_code, pc.type_name,
                    pc.profession, pc.full_name, pc.superseded_by, pc.sanction_events,
                    public_ethics_sanctions_of(pc.person_id) AS holder_sanctions FROM public_credentials pc WHERE pc.number = ANY($1::text[])
