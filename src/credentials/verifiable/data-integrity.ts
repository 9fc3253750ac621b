import { createHash } from 'node:crypto';
import jsonld from 'jsonld';
import { base58btcEncode } from 'src/common/encoding/base58btc';
import type { ActiveIssuerKey } from 'src/credentials/verifiable/issuer-key.service';

type JsonLdDocument = Record<string, unknown> & { '@context': unknown };
type DocumentLoader = (
  url: string,
) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

// @types/jsonld predates RDFC-1.0 (the W3C name of URDNA2015) and jsonld 9's `safe` mode.
const canonize = (document: object, documentLoader: DocumentLoader) =>
  jsonld.canonize(document, {
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    documentLoader,
    safe: true,
  } as unknown as jsonld.Options.Normalize);

/**
 * A Data Integrity proof with the eddsa-rdfc-2022 cryptosuite (W3C VC Data Integrity EdDSA):
 * RDFC-1.0 canonical forms of the proof options and of the document, SHA-256 of each, the two
 * hashes signed with Ed25519, the signature written base58btc.
 */
export async function addEddsaRdfc2022Proof(
  document: JsonLdDocument,
  key: ActiveIssuerKey,
  documentLoader: DocumentLoader,
  created = new Date(),
): Promise<JsonLdDocument> {
  const proofOptions = {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-rdfc-2022',
    created: created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    verificationMethod: key.verificationMethod,
    proofPurpose: 'assertionMethod',
  };
  const canonicalOptions = await canonize(
    { '@context': document['@context'], ...proofOptions },
    documentLoader,
  );
  const canonicalDocument = await canonize(document, documentLoader);
  const signature = key.sign(Buffer.concat([sha256(canonicalOptions), sha256(canonicalDocument)]));
  return { ...document, proof: { ...proofOptions, proofValue: `z${base58btcEncode(signature)}` } };
}
