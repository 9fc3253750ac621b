import { createServer } from 'node:http';
import { Pool } from 'pg';

/**
 * The yardstick for the public lookup: node:http and pg with a named prepared statement, the
 * same query and the same answer shape, nothing else (no logging, no rate limit, no routing).
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const port = Number(process.env.PORT);
const PREFIX = '/public/credentials/';

createServer((request, response) => {
  const url = request.url ?? '';
  if (!url.startsWith(PREFIX)) {
    response.writeHead(404).end();
    return;
  }
  pool
    .query({
      name: 'public_credential_by_number',
      text: `SELECT number, status, suspended_until::text, valid_from::text, valid_until::text, issuing_authority,
                    type_code, type_name, profession, full_name, sanction_events
               FROM public_credentials WHERE number = $1`,
      values: [decodeURIComponent(url.slice(PREFIX.length))],
    })
    .then(({ rows }) => {
      if (!rows.length) {
        response
          .writeHead(404, { 'content-type': 'application/problem+json' })
          .end('{"status":404}');
        return;
      }
      const row = rows[0] as Record<string, unknown>;
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          number: row.number,
          status: row.status,
          holderName: row.full_name,
          credentialType: { code: row.type_code, name: row.type_name, profession: row.profession },
          issuingAuthority: row.issuing_authority,
          validFrom: row.valid_from,
          validUntil: row.valid_until,
          sanctions: row.sanction_events,
        }),
      );
    })
    .catch(() => response.writeHead(500).end());
}).listen(port, '127.0.0.1', () => process.stdout.write('listening on bare server\n'));
