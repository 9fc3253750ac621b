// An independent verifier for the tests: Digital Bazaar's VC libraries, in a process of their own
// (they are ES modules). Reads {credential, baseUrl} on stdin and prints {verified, error}.
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import * as credentialsContext from '@digitalbazaar/credentials-context';

const input = JSON.parse(
  await new Promise((resolve) => {
    let text = '';
    process.stdin.on('data', (chunk) => (text += chunk));
    process.stdin.on('end', () => resolve(text));
  }),
);
const { credential, baseUrl } = input;
const local = new Map([
  ...credentialsContext.contexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts,
]);
const didUrl = (did) => `${baseUrl}/.well-known/did.json`;

async function documentLoader(url) {
  if (local.has(url)) return { contextUrl: null, documentUrl: url, document: local.get(url) };
  if (url.startsWith('did:web:')) {
    const [did, fragment] = url.split('#');
    const didDocument = await (await fetch(didUrl(did))).json();
    if (!fragment) return { contextUrl: null, documentUrl: url, document: didDocument };
    const method = didDocument.verificationMethod.find((m) => m.id === url);
    return {
      contextUrl: null,
      documentUrl: url,
      document: { '@context': multikeyContext.CONTEXT_URL, ...method },
    };
  }
  // Only the issuer's own context is fetched, from where it says it is served.
  if (url.startsWith(baseUrl))
    return { contextUrl: null, documentUrl: url, document: await (await fetch(url)).json() };
  throw new Error(`refusing to load ${url}`);
}

const result = await vc.verifyCredential({
  credential,
  suite: new DataIntegrityProof({ cryptosuite }),
  documentLoader,
});
process.stdout.write(
  JSON.stringify({
    verified: result.verified,
    error: result.error?.message ?? result.error?.errors?.map((e) => e.message),
  }),
);
