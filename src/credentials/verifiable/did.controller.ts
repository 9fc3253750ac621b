import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from 'src/auth/decorators/auth.decorator';
import { IssuerKeyService } from 'src/credentials/verifiable/issuer-key.service';

/** did:web resolution: a verifier fetches this to find the association's public keys. */
@ApiTags('verifiable credentials')
@Controller('.well-known')
@Public()
export class DidController {
  constructor(private readonly issuerKeys: IssuerKeyService) {}

  @Get('did.json')
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({
    summary: "The association's DID document (did:web), with its signing keys as Multikey",
  })
  @ApiOkResponse({ description: 'A DID document', schema: { type: 'object' } })
  didDocument() {
    return this.issuerKeys.didDocument();
  }
}
