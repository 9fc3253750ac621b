import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { DeclarationsController } from 'src/people/declarations.controller';
import { DeclarationsRepository } from 'src/people/declarations.repository';
import { DeclarationsService } from 'src/people/declarations.service';
import { AssociationAct } from 'src/people/entities/association-act.entity';
import { PersonDeclaration } from 'src/people/entities/person-declaration.entity';
import { Person } from 'src/people/entities/person.entity';
import { PeopleController } from 'src/people/people.controller';
import { PeopleRepository } from 'src/people/people.repository';
import { PeopleService } from 'src/people/people.service';
import { PeoplePort } from 'src/people/people.port';

@Module({
  imports: [TypeOrmModule.forFeature([Person, PersonDeclaration, AssociationAct]), AuditModule],
  controllers: [PeopleController, DeclarationsController],
  providers: [
    PeopleRepository,
    PeopleService,
    PeoplePort,
    DeclarationsRepository,
    DeclarationsService,
  ],
  exports: [PeopleService, PeoplePort],
})
export class PeopleModule {}
