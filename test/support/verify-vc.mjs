// An independent verifier for the tests: Digital Bazaar's VC libraries, in a process of their own
// (they are ES modules). Reads {credential, baseUrl} on stdin and prints what it found.
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import * as credentialsContext from '@digitalbazaar/credentials-context';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';

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

async function documentLoader(url) {
  if (local.has(url)) return { contextUrl: null, documentUrl: url, document: local.get(url) };
  if (url.startsWith('did:web:')) {
    // did:web resolves to /.well-known/did.json of the issuer's host (plain http in tests).
    const didDocument = await (await fetch(`${baseUrl}/.well-known/did.json`)).json();
    if (!url.includes('#')) return { contextUrl: null, documentUrl: url, document: didDocument };
    const method = didDocument.verificationMethod.find((m) => m.id === url);
    const document = { '@context': multikeyContext.CONTEXT_URL, ...method };
    return { contextUrl: null, documentUrl: url, document };
  }
  // Only the issuer's own documents (context, status lists) are fetched, from where it serves them.
  if (url.startsWith(baseUrl)) {
    return { contextUrl: null, documentUrl: url, document: await (await fetch(url)).json() };
  }
  throw new Error(`refusing to load ${url}`);
}

const suite = new DataIntegrityProof({ cryptosuite });
const result = await vc.verifyCredential({
  credential,
  suite,
  documentLoader,
  // The status lists are fetched from their URLs and their own proofs are checked too.
  checkStatus: (options) =>
    checkStatus({
      ...options,
      suite,
      documentLoader,
      verifyBitstringStatusListCredential: true,
      verifyMatchingIssuers: true,
    }),
});
const status = Object.fromEntries(
  (result.statusResult?.results ?? []).map((r) => [r.credentialStatus?.statusPurpose, r.status]),
);
const error = result.error?.message ?? result.error?.errors?.map((e) => e.message);
process.stdout.write(
  JSON.stringify({
    verified: result.verified,
    ...(result.statusResult ? { statusVerified: result.statusResult.verified, status } : {}),
    ...(result.verified ? {} : { error }),
  }),
);
