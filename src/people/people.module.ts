import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { Person } from 'src/people/entities/person.entity';
import { PeopleController } from 'src/people/people.controller';
import { PeopleService } from 'src/people/people.service';

@Module({
  imports: [TypeOrmModule.forFeature([Person]), AuditModule],
  controllers: [PeopleController],
  providers: [PeopleService],
  exports: [PeopleService],
})
export class PeopleModule {}
