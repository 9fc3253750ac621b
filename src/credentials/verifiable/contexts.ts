import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

/** Guildhall's own terms (the VC 2.0 context defines no catch-all vocabulary). Served at /contexts/v1. */
export function guildhallContext(baseUrl: string): object {
  const vocab = `${baseUrl}/vocab#`;
  return {
    '@context': {
      '@protected': true,
      ProfessionalCredential: `${vocab}ProfessionalCredential`,
      holderName: 'https://schema.org/name',
      credentialNumber: `${vocab}credentialNumber`,
      credentialType: `${vocab}credentialType`,
      credentialTypeName: `${vocab}credentialTypeName`,
      profession: `${vocab}profession`,
      issuingAuthority: `${vocab}issuingAuthority`,
      publicPage: { '@id': `${vocab}publicPage`, '@type': '@id' },
    },
  };
}

export const guildhallContextUrl = (baseUrl: string) => `${baseUrl}/contexts/v1`;

/**
 * Resolves the JSON-LD contexts credentials use from what ships with Guildhall; nothing is ever
 * fetched from the web while signing.
 */
export function localDocumentLoader(baseUrl: string) {
  const documents = new Map<string, unknown>([
    ...credentialsContexts,
    [guildhallContextUrl(baseUrl), guildhallContext(baseUrl)],
  ]);
  return (url: string) => {
    const document = documents.get(url);
    if (!document) return Promise.reject(new Error(`Unknown JSON-LD document: ${url}`));
    return Promise.resolve({ contextUrl: null, documentUrl: url, document });
  };
}
