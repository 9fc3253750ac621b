/** The package ships the VC contexts without type declarations. */
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, object>;
}
