import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail leaves through an outbox, written in the transaction that decides to send it; a job sends
 * it after commit (or, with no SMTP server configured, it is kept for admins to read). Reminders
 * follow a schedule in data, and each is sent once per person, item, expiry and step: the sent
 * row's key decides, whichever replica runs the pass and however often.
 */
export class MailAndReminders1795404200000 implements MigrationInterface {
  name = 'MailAndReminders1795404200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_messages (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        to_address varchar(254) NOT NULL,
        subject varchar(300) NOT NULL,
        body text NOT NULL,
        status varchar(8) NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_error text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz NULL,
        CONSTRAINT pk_outbox_messages PRIMARY KEY (id),
        CONSTRAINT ck_outbox_messages_status CHECK (status IN ('queued', 'sent', 'kept')),
        CONSTRAINT ck_outbox_messages_sent CHECK ((status = 'sent') = (sent_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_outbox_messages_created_at ON outbox_messages (created_at, id)`);
    await q.query(`
      CREATE TABLE reminder_steps (
        code varchar(40) NOT NULL,
        item_kind varchar(12) NOT NULL,
        trigger varchar(12) NOT NULL,
        days integer NOT NULL,
        active boolean NOT NULL DEFAULT true,
        subject varchar(300) NOT NULL,
        body text NOT NULL,
        CONSTRAINT pk_reminder_steps PRIMARY KEY (code),
        CONSTRAINT ck_reminder_steps_code CHECK (code ~ '^[A-Z][A-Z0-9_]{0,39}$'),
        CONSTRAINT ck_reminder_steps_item_kind CHECK (item_kind IN ('credential', 'membership')),
        CONSTRAINT ck_reminder_steps_trigger CHECK (trigger IN ('before_end', 'grace', 'lapsed')),
        CONSTRAINT ck_reminder_steps_days CHECK (days BETWEEN 0 AND 3650),
        CONSTRAINT ck_reminder_steps_grace CHECK (trigger <> 'grace' OR item_kind = 'membership'),
        CONSTRAINT ck_reminder_steps_lapsed CHECK (trigger <> 'lapsed' OR item_kind = 'membership')
      )`);
    await q.query(`
      INSERT INTO reminder_steps (code, item_kind, trigger, days, subject, body) VALUES
        ('CREDENTIAL_90', 'credential', 'before_end', 90, '{item} ends on {endsOn}',
         'Dear {name},\n\nyour {item} ends on {endsOn}, in {days} days. Its renewal is open: ask for it in Guildhall.\n\n{association}'),
        ('CREDENTIAL_60', 'credential', 'before_end', 60, '{item} ends on {endsOn}',
         'Dear {name},\n\nyour {item} ends on {endsOn}, in {days} days. Ask for its renewal in Guildhall.\n\n{association}'),
        ('CREDENTIAL_30', 'credential', 'before_end', 30, '{item} ends on {endsOn}: 30 days left',
         'Dear {name},\n\nyour {item} ends on {endsOn}, in {days} days. Ask for its renewal now.\n\n{association}'),
        ('MEMBERSHIP_90', 'membership', 'before_end', 90, 'Your membership {item} is covered until {endsOn}',
         'Dear {name},\n\nyour membership {item} is covered until {endsOn}, {days} days from now. Its renewal is open.\n\n{association}'),
        ('MEMBERSHIP_60', 'membership', 'before_end', 60, 'Your membership {item} is covered until {endsOn}',
         'Dear {name},\n\nyour membership {item} is covered until {endsOn}, {days} days from now. Pay the next dues to keep it.\n\n{association}'),
        ('MEMBERSHIP_30', 'membership', 'before_end', 30, 'Your membership {item}: 30 days of cover left',
         'Dear {name},\n\nyour membership {item} is covered until {endsOn}, {days} days from now. Pay the next dues to keep it.\n\n{association}'),
        ('MEMBERSHIP_GRACE', 'membership', 'grace', 0, 'Your membership {item} is in its grace days',
         'Dear {name},\n\nthe cover of your membership {item} ended on {endsOn}. Pay the dues before the grace days run out, or it lapses.\n\n{association}'),
        ('MEMBERSHIP_LAPSED', 'membership', 'lapsed', 0, 'Your membership {item} has lapsed',
         'Dear {name},\n\nyour membership {item} has lapsed: its cover ended on {endsOn} and the grace days have run out. Paying the dues outstanding reinstates it.\n\n{association}')`);
    await q.query(`
      CREATE TABLE reminders_sent (
        step_code varchar(40) NOT NULL,
        item_id uuid NOT NULL,
        item_ends_on date NOT NULL,
        person_id uuid NOT NULL,
        outbox_id uuid NULL,
        sent_on date NOT NULL,
        CONSTRAINT pk_reminders_sent PRIMARY KEY (step_code, item_id, item_ends_on),
        CONSTRAINT fk_reminders_sent_step_code FOREIGN KEY (step_code) REFERENCES reminder_steps (code),
        CONSTRAINT fk_reminders_sent_person_id FOREIGN KEY (person_id) REFERENCES persons (id),
        CONSTRAINT fk_reminders_sent_outbox_id FOREIGN KEY (outbox_id) REFERENCES outbox_messages (id)
      )`);
    await q.query(
      `CREATE INDEX ix_reminders_sent_person_id ON reminders_sent (person_id, sent_on)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reminders_sent`);
    await q.query(`DROP TABLE reminder_steps`);
    await q.query(`DROP TABLE outbox_messages`);
  }
}
