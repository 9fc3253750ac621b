import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Step 3 of the pipeline: membership categories (configuration in data), applications gated by
 * the pipeline checks, memberships with their periods and dated status changes, member numbers,
 * dues invoices and payments, and the record of each daily status run. Seeds the Indonesian
 * doctors' categories.
 */
export class Membership1795400100000 implements MigrationInterface {
  name = 'Membership1795400100000';

  public async up(q: QueryRunner): Promise<void> {
    // The last day of a term of `months` from `start`, as the application computes it
    // (src/common/dates.ts): the day before the same date `months` later, or that month's last day.
    await q.query(`
      CREATE FUNCTION last_day_of_term(start date, months integer) RETURNS date
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT (start + make_interval(months => months))::date
                     - CASE WHEN extract(day FROM start + make_interval(months => months)) = extract(day FROM start)
                            THEN 1 ELSE 0 END $$`);

    await q.query(`
      CREATE TABLE membership_categories (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code varchar(40) NOT NULL,
        name varchar(200) NOT NULL,
        description text NULL,
        requires_verified_qualification boolean NOT NULL DEFAULT true,
        qualification_degrees varchar(120)[] NOT NULL DEFAULT '{}',
        required_credential_type_id uuid NULL,
        accepts_applications boolean NOT NULL DEFAULT true,
        dues_minor bigint NOT NULL,
        application_fee_minor bigint NULL,
        currency char(3) NOT NULL,
        period_months integer NOT NULL,
        grace_days integer NOT NULL DEFAULT 0,
        member_number_format varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_membership_categories PRIMARY KEY (id),
        CONSTRAINT uq_membership_categories_code UNIQUE (code),
        CONSTRAINT fk_membership_categories_required_credential_type_id
          FOREIGN KEY (required_credential_type_id) REFERENCES credential_types (id),
        CONSTRAINT ck_membership_categories_code CHECK (code ~ '^[A-Z][A-Z0-9_-]{0,39}$'),
        CONSTRAINT ck_membership_categories_dues CHECK (dues_minor >= 0),
        CONSTRAINT ck_membership_categories_application_fee
          CHECK (application_fee_minor IS NULL OR application_fee_minor > 0),
        CONSTRAINT ck_membership_categories_currency CHECK (currency ~ '^[A-Z]{3}$'),
        CONSTRAINT ck_membership_categories_period_months CHECK (period_months BETWEEN 1 AND 120),
        CONSTRAINT ck_membership_categories_grace_days CHECK (grace_days >= 0),
        CONSTRAINT ck_membership_categories_degrees
          CHECK (requires_verified_qualification OR cardinality(qualification_degrees) = 0)
      )`);

    // Counters for member, invoice and receipt numbers; the row lock orders concurrent callers.
    await q.query(`
      CREATE TABLE membership_sequences (
        name varchar(20) NOT NULL,
        scope varchar(100) NOT NULL,
        last_value bigint NOT NULL,
        CONSTRAINT pk_membership_sequences PRIMARY KEY (name, scope),
        CONSTRAINT ck_membership_sequences_last_value CHECK (last_value > 0)
      )`);

    await q.query(`
      CREATE TABLE membership_applications (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        category_id uuid NOT NULL,
        chapter_id uuid NOT NULL,
        speciality varchar(120) NULL,
        status varchar(12) NOT NULL DEFAULT 'draft',
        submitted_at timestamptz NULL,
        review_started_at timestamptz NULL,
        reviewer_account_id uuid NULL,
        decided_at timestamptz NULL,
        decided_by_account_id uuid NULL,
        decision_reason text NULL,
        created_by_account_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_membership_applications PRIMARY KEY (id),
        CONSTRAINT fk_membership_applications_person_id FOREIGN KEY (person_id) REFERENCES persons (id),
        CONSTRAINT fk_membership_applications_category_id
          FOREIGN KEY (category_id) REFERENCES membership_categories (id),
        CONSTRAINT fk_membership_applications_chapter_id FOREIGN KEY (chapter_id) REFERENCES chapters (id),
        CONSTRAINT fk_membership_applications_reviewer_account_id
          FOREIGN KEY (reviewer_account_id) REFERENCES accounts (id),
        CONSTRAINT fk_membership_applications_decided_by_account_id
          FOREIGN KEY (decided_by_account_id) REFERENCES accounts (id),
        CONSTRAINT fk_membership_applications_created_by_account_id
          FOREIGN KEY (created_by_account_id) REFERENCES accounts (id),
        CONSTRAINT ck_membership_applications_status CHECK (
          status IN ('draft', 'submitted', 'under_review', 'approved', 'rejected', 'withdrawn')
        ),
        CONSTRAINT ck_membership_applications_rejection_reason
          CHECK (status <> 'rejected' OR btrim(coalesce(decision_reason, '')) <> '')
      )`);
    // A person has at most one application in progress.
    await q.query(`
      CREATE UNIQUE INDEX uq_membership_applications_open ON membership_applications (person_id)
       WHERE status IN ('draft', 'submitted', 'under_review')`);
    await q.query(
      `CREATE INDEX ix_membership_applications_person_id ON membership_applications (person_id)`,
    );
    await q.query(
      `CREATE INDEX ix_membership_applications_queue ON membership_applications (status, submitted_at)`,
    );

    await q.query(`
      CREATE TABLE memberships (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        member_number varchar(60) NOT NULL,
        category_id uuid NOT NULL,
        chapter_id uuid NOT NULL,
        speciality varchar(120) NULL,
        status varchar(12) NOT NULL DEFAULT 'active',
        status_reason text NULL,
        status_changed_on date NOT NULL,
        suspended_until date NULL,
        member_since date NOT NULL,
        covered_until date NOT NULL,
        listed_in_directory boolean NOT NULL DEFAULT false,
        application_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_memberships PRIMARY KEY (id),
        CONSTRAINT uq_memberships_person_id UNIQUE (person_id),
        CONSTRAINT uq_memberships_member_number UNIQUE (member_number),
        CONSTRAINT fk_memberships_person_id FOREIGN KEY (person_id) REFERENCES persons (id),
        CONSTRAINT fk_memberships_category_id FOREIGN KEY (category_id) REFERENCES membership_categories (id),
        CONSTRAINT fk_memberships_chapter_id FOREIGN KEY (chapter_id) REFERENCES chapters (id),
        CONSTRAINT fk_memberships_application_id
          FOREIGN KEY (application_id) REFERENCES membership_applications (id),
        CONSTRAINT ck_memberships_status CHECK (
          status IN ('active', 'grace', 'lapsed', 'suspended', 'revoked', 'resigned', 'deceased')
        ),
        CONSTRAINT ck_memberships_member_number CHECK (btrim(member_number) <> ''),
        CONSTRAINT ck_memberships_covered_until CHECK (covered_until >= member_since),
        CONSTRAINT ck_memberships_suspended_until CHECK (suspended_until IS NULL OR status = 'suspended')
      )`);
    // Lists filtered by category or chapter read in member-number order straight from these.
    await q.query(
      `CREATE INDEX ix_memberships_category_id ON memberships (category_id, member_number)`,
    );
    await q.query(
      `CREATE INDEX ix_memberships_chapter_id ON memberships (chapter_id, member_number)`,
    );
    // The daily job and the "due in N days" report walk memberships by the end of their cover.
    await q.query(
      `CREATE INDEX ix_memberships_status_covered_until ON memberships (status, covered_until)`,
    );
    // The public directory walks only the members who opted in, in member-number order.
    await q.query(
      `CREATE INDEX ix_memberships_directory ON memberships (member_number) WHERE listed_in_directory`,
    );

    await q.query(`
      CREATE TABLE membership_status_changes (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        membership_id uuid NOT NULL,
        from_status varchar(12) NULL,
        to_status varchar(12) NOT NULL,
        reason text NOT NULL,
        effective_on date NOT NULL,
        actor_account_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_membership_status_changes PRIMARY KEY (id),
        CONSTRAINT fk_membership_status_changes_membership_id
          FOREIGN KEY (membership_id) REFERENCES memberships (id),
        CONSTRAINT fk_membership_status_changes_actor_account_id
          FOREIGN KEY (actor_account_id) REFERENCES accounts (id),
        CONSTRAINT ck_membership_status_changes_reason CHECK (btrim(reason) <> '')
      )`);
    await q.query(
      `CREATE INDEX ix_membership_status_changes_membership_id ON membership_status_changes (membership_id, created_at)`,
    );

    await q.query(`
      CREATE TABLE membership_periods (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        membership_id uuid NOT NULL,
        category_id uuid NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        granted_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_membership_periods PRIMARY KEY (id),
        CONSTRAINT uq_membership_periods_membership_starts_on UNIQUE (membership_id, starts_on),
        CONSTRAINT fk_membership_periods_membership_id FOREIGN KEY (membership_id) REFERENCES memberships (id),
        CONSTRAINT fk_membership_periods_category_id
          FOREIGN KEY (category_id) REFERENCES membership_categories (id),
        CONSTRAINT ck_membership_periods_dates CHECK (ends_on >= starts_on)
      )`);

    await q.query(`
      CREATE TABLE invoices (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        number varchar(40) NOT NULL,
        person_id uuid NOT NULL,
        kind varchar(20) NOT NULL,
        application_id uuid NULL,
        period_id uuid NULL,
        description varchar(300) NOT NULL,
        amount_minor bigint NOT NULL,
        paid_minor bigint NOT NULL DEFAULT 0,
        currency char(3) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'unpaid',
        issued_on date NOT NULL,
        due_on date NOT NULL,
        waived_reason text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_invoices PRIMARY KEY (id),
        CONSTRAINT uq_invoices_number UNIQUE (number),
        CONSTRAINT uq_invoices_application_id UNIQUE (application_id),
        CONSTRAINT uq_invoices_period_id UNIQUE (period_id),
        CONSTRAINT fk_invoices_person_id FOREIGN KEY (person_id) REFERENCES persons (id),
        CONSTRAINT fk_invoices_application_id
          FOREIGN KEY (application_id) REFERENCES membership_applications (id),
        CONSTRAINT fk_invoices_period_id FOREIGN KEY (period_id) REFERENCES membership_periods (id),
        CONSTRAINT ck_invoices_kind CHECK (
          (kind = 'application_fee' AND application_id IS NOT NULL AND period_id IS NULL)
          OR (kind = 'dues' AND period_id IS NOT NULL AND application_id IS NULL)
        ),
        CONSTRAINT ck_invoices_amount CHECK (amount_minor >= 0),
        CONSTRAINT ck_invoices_paid CHECK (paid_minor BETWEEN 0 AND amount_minor),
        CONSTRAINT ck_invoices_currency CHECK (currency ~ '^[A-Z]{3}$'),
        CONSTRAINT ck_invoices_status CHECK (
          (status = 'waived' AND btrim(coalesce(waived_reason, '')) <> '')
          OR (status = 'paid' AND paid_minor = amount_minor)
          OR (status = 'partially_paid' AND paid_minor BETWEEN 1 AND amount_minor - 1)
          OR (status = 'unpaid' AND paid_minor = 0 AND amount_minor > 0)
        ),
        CONSTRAINT ck_invoices_due_on CHECK (due_on >= issued_on)
      )`);
    await q.query(`CREATE INDEX ix_invoices_person_id ON invoices (person_id, issued_on)`);
    // Arrears: the open invoices, found without reading the settled ones.
    await q.query(
      `CREATE INDEX ix_invoices_open ON invoices (due_on) WHERE status IN ('unpaid', 'partially_paid')`,
    );

    await q.query(`
      CREATE TABLE payments (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        receipt_number varchar(40) NOT NULL,
        invoice_id uuid NOT NULL,
        amount_minor bigint NOT NULL,
        currency char(3) NOT NULL,
        method varchar(20) NOT NULL,
        reference varchar(100) NOT NULL,
        paid_on date NOT NULL,
        recorded_by_account_id uuid NULL,
        idempotency_key varchar(200) NULL,
        request_fingerprint char(64) NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_payments PRIMARY KEY (id),
        CONSTRAINT uq_payments_receipt_number UNIQUE (receipt_number),
        CONSTRAINT uq_payments_method_reference UNIQUE (method, reference),
        CONSTRAINT uq_payments_idempotency_key UNIQUE (idempotency_key),
        CONSTRAINT fk_payments_invoice_id FOREIGN KEY (invoice_id) REFERENCES invoices (id),
        CONSTRAINT fk_payments_recorded_by_account_id
          FOREIGN KEY (recorded_by_account_id) REFERENCES accounts (id),
        CONSTRAINT ck_payments_amount CHECK (amount_minor > 0),
        CONSTRAINT ck_payments_currency CHECK (currency ~ '^[A-Z]{3}$'),
        CONSTRAINT ck_payments_method
          CHECK (method IN ('bank_transfer', 'virtual_account', 'card', 'cash', 'other')),
        CONSTRAINT ck_payments_reference CHECK (btrim(reference) <> ''),
        CONSTRAINT ck_payments_idempotency CHECK ((idempotency_key IS NULL) = (request_fingerprint IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_payments_invoice_id ON payments (invoice_id)`);

    await q.query(`
      CREATE TABLE membership_job_runs (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        job varchar(40) NOT NULL,
        run_on date NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL,
        outcome jsonb NULL,
        triggered_by_account_id uuid NULL,
        CONSTRAINT pk_membership_job_runs PRIMARY KEY (id),
        CONSTRAINT fk_membership_job_runs_triggered_by_account_id
          FOREIGN KEY (triggered_by_account_id) REFERENCES accounts (id)
      )`);
    await q.query(
      `CREATE INDEX ix_membership_job_runs_job ON membership_job_runs (job, started_at)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE membership_job_runs`);
    await q.query(`DROP TABLE payments`);
    await q.query(`DROP TABLE invoices`);
    await q.query(`DROP TABLE membership_periods`);
    await q.query(`DROP TABLE membership_status_changes`);
    await q.query(`DROP TABLE memberships`);
    await q.query(`DROP TABLE membership_applications`);
    await q.query(`DROP TABLE membership_sequences`);
    await q.query(`DROP TABLE membership_categories`);
    await q.query(`DROP FUNCTION last_day_of_term(date, integer)`);
  }
}
