import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { Person } from 'src/people/entities/person.entity';
import { PeopleController } from 'src/people/people.controller';
import { PeopleRepository } from 'src/people/people.repository';
import { PeopleService } from 'src/people/people.service';
import { PeoplePort } from 'src/people/people.port';

@Module({
  imports: [TypeOrmModule.forFeature([Person]), AuditModule],
  controllers: [PeopleController],
  providers: [PeopleRepository, PeopleService, PeoplePort],
  exports: [PeopleService, PeoplePort],
})
export class PeopleModule {}
