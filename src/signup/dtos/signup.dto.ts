import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { IsEmailAddress } from '../../common/email-address';

// A form sends one checkbox value as a string and several as an array.
const asList = ({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value);
const blankAsUndefined = ({ value }: { value: unknown }) => (value === '' || value === null ? undefined : value);

export class SignupDto {
  @ApiProperty({ example: 'reader@example.com', maxLength: 254 })
  @IsEmailAddress()
  email!: string;

  @ApiProperty({ example: ['the-saturday-read', 'morning-call'], description: 'Newsletter slugs (GET /api/newsletters)' })
  @Transform(asList)
  @MaxLength(64, { each: true, message: 'Unknown newsletter' })
  @IsString({ each: true, message: 'Each newsletter must be a newsletter slug' })
  @ArrayMaxSize(10, { message: 'Choose at most 10 newsletters' })
  @ArrayNotEmpty({ message: 'Choose at least one newsletter' })
  @IsArray({ message: 'Choose at least one newsletter' })
  newsletters!: string[];

  @ApiPropertyOptional({ example: 'arts-and-culture', description: 'Job sector slug (GET /api/job-sectors)' })
  @Transform(blankAsUndefined)
  @IsOptional()
  @MaxLength(100, { message: 'Choose a job sector from the list' })
  @IsString({ message: 'Choose a job sector from the list' })
  jobSector?: string;

  /** Checked against the known versions by SignupService (a whole number, nothing looser). */
  @ApiPropertyOptional({ type: Number, description: 'Version of the privacy notice the reader was shown; the current one if absent' })
  @IsOptional()
  noticeVersion?: unknown;

  /** The honeypot: people never see it, bots fill it in. */
  @ApiPropertyOptional({ description: 'Leave empty' })
  @IsOptional()
  website?: unknown;
}
