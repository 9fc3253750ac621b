import { html, type SafeHtml } from 'src/common/http/html';
import type { CredentialStatus } from 'src/credentials/credential-rules';
import type { PublicCredentialResponse } from 'src/credentials/dto/public-credential.dto';

/** Server-rendered public verification pages: plain HTML and CSS, no JavaScript, readable on any phone. */

const STYLE = `
  body { font-family: system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
  h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
  form { display: flex; gap: .5rem; flex-wrap: wrap; margin: .5rem 0 1rem; }
  input { flex: 1 1 16rem; padding: .5rem; font-size: 1rem; } button { padding: .5rem 1rem; font-size: 1rem; }
  .verdict { padding: 1rem; border-radius: .5rem; margin: 1rem 0; font-size: 1.1rem; }
  .active { background: #e3f4e8; border: 2px solid #1e7b3a; } .expired, .superseded { background: #fff4d6; border: 2px solid #a06b00; }
  .suspended { background: #fde7d9; border: 2px solid #b04a00; } .revoked, .unknown { background: #fbe2e2; border: 2px solid #a1141f; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .4rem 1rem; } dt { font-weight: 600; }
  .muted { color: #555; font-size: .9rem; } ul.results { padding-left: 1.2rem; } ul.results li { margin: .4rem 0; }`;

const VERDICT: Record<CredentialStatus, string> = {
  active: 'Valid. This credential is in force.',
  expired: 'Expired. This credential is past its end date and is not in force.',
  suspended: 'Suspended. This credential is not in force while the suspension lasts.',
  revoked: 'Revoked. This credential has been withdrawn and is not in force.',
  superseded: 'Superseded. This credential was replaced by a later one, which is the one in force.',
};

function page(association: string, title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · ${association}</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        <header><p class="muted">${association} · public register of credentials</p></header>
        <main>${body}</main>
        <footer>
          <p class="muted">
            This page shows what the association's register says right now. It shows no personal
            contact details. Check again before relying on an old printout.
          </p>
        </footer>
      </body>
    </html>`.toString();
}

const searchForms = (values: { number?: string; name?: string } = {}) =>
  html` <form action="/verify" method="get" role="search" aria-label="Check a credential number">
      <label for="number">Credential number</label>
      <input
        id="number"
        name="number"
        value="${values.number}"
        placeholder="e.g. SK-2026-000042"
        autocomplete="off"
      />
      <button type="submit">Check</button>
    </form>
    <form action="/verify" method="get" role="search" aria-label="Find by name">
      <label for="name">Holder's name</label>
      <input id="name" name="name" value="${values.name}" placeholder="at least 3 letters" />
      <button type="submit">Find</button>
    </form>`;

const details = (credential: PublicCredentialResponse) =>
  html` <dl>
      <dt>Holder</dt>
      <dd>${credential.holderName}</dd>
      <dt>Credential</dt>
      <dd>
        ${credential.credentialType.name}${credential.credentialType.profession ? ` (${credential.credentialType.profession})` : ''}
      </dd>
      <dt>Number</dt>
      <dd>${credential.number}</dd>
      <dt>Status</dt>
      <dd>${credential.status}</dd>
      <dt>Valid from</dt>
      <dd>${credential.validFrom}</dd>
      <dt>Valid until</dt>
      <dd>${credential.validUntil ?? 'for life'}</dd>
      <dt>Issued by</dt>
      <dd>${credential.issuingAuthority}</dd>
      ${
        credential.supersededBy
          ? html`<dt>Replaced by</dt>
              <dd>
                <a href="/verify/${encodeURIComponent(credential.supersededBy)}"
                  >${credential.supersededBy}</a
                >
              </dd>`
          : ''
      }
    </dl>
    ${
      credential.sanctions.length
        ? html`<h2>Sanctions</h2>
            <ul>
              ${credential.sanctions.map(
                (s) =>
                  html`<li>
                    ${s.kind === 'suspension' ? 'Suspension' : 'Revocation'} from
                    ${s.from}${s.until ? ` to ${s.until}` : ''}
                  </li>`,
              )}
            </ul>`
        : ''
    }
    ${
      credential.holderSanctions.length
        ? html`<h2>Ethics sanctions on the holder</h2>
            <ul>
              ${credential.holderSanctions.map(
                (s) => html`<li>${s.name} from ${s.from}${s.until ? ` to ${s.until}` : ''}</li>`,
              )}
            </ul>`
        : ''
    }`;

export function renderStartPage(association: string, message?: string): string {
  return page(
    association,
    'Check a credential',
    html`<h1>Check a professional's credential</h1>
      <p>Type the number printed on the certificate or licence, or search by the holder's name.</p>
      ${message ? html`<p class="verdict unknown" role="alert">${message}</p>` : ''}
      ${searchForms()}`,
  );
}

export function renderCredentialPage(
  association: string,
  credential: PublicCredentialResponse,
): string {
  return page(
    association,
    `${credential.number}: ${credential.status}`,
    html`<h1>Credential ${credential.number}</h1>
      <p class="verdict ${credential.status}" role="status">
        <strong>${VERDICT[credential.status]}</strong>
      </p>
      ${details(credential)} ${searchForms()}`,
  );
}

export function renderNotFoundPage(association: string, number: string): string {
  return page(
    association,
    'Not found',
    html`<h1>Credential ${number}</h1>
      <p class="verdict unknown" role="status">
        <strong>Not found.</strong> No verified credential in this register has this number. Check
        the number for typing errors; if it is right, the credential was not issued or registered
        here.
      </p>
      ${searchForms({ number })}`,
  );
}

export function renderSearchPage(
  association: string,
  name: string,
  results: PublicCredentialResponse[],
  limit: number,
): string {
  return page(
    association,
    `Search: ${name}`,
    html`<h1>Credentials of holders named “${name}”</h1>
      ${
        results.length
          ? html`<ul class="results">
                ${results.map(
                  (c) =>
                    html`<li>
                      <a href="/verify/${encodeURIComponent(c.number)}">${c.holderName}</a> ·
                      ${c.credentialType.name} · ${c.number} · <strong>${c.status}</strong>
                    </li>`,
                )}
              </ul>
              ${results.length >= limit ? html`<p class="muted">Showing the first ${limit}. Type more of the name to narrow the search.</p>` : ''}`
          : html`<p class="verdict unknown" role="status">
              No verified credential holder matches this name.
            </p>`
      }
      ${searchForms({ name })}`,
  );
}
