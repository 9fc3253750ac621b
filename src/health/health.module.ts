import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { EvidenceModule } from 'src/evidence/evidence.module';
import { HealthController } from 'src/health/health.controller';
import { ReadinessService } from 'src/health/readiness.service';

@Module({
  imports: [
    TerminusModule.forRoot({ gracefulShutdownTimeoutMs: 0, logger: false }),
    EvidenceModule,
  ],
  controllers: [HealthController],
  providers: [ReadinessService],
})
export class HealthModule {}
