import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';

const blankAsUndefined = ({ value }: { value: unknown }) => (value === '' || value === null ? undefined : value);

/** The preference centre's form. */
export class PreferencesDto {
  @Transform(({ value }) => (value === undefined || value === '' ? [] : typeof value === 'string' ? [value] : value))
  @IsString({ each: true, message: 'Choose newsletters from the list' })
  @ArrayMaxSize(10, { message: 'Choose newsletters from the list' })
  @IsArray({ message: 'Choose newsletters from the list' })
  newsletters: string[] = [];

  @Transform(blankAsUndefined)
  @IsOptional()
  @MaxLength(100, { message: 'Choose a job sector from the list' })
  @IsString({ message: 'Choose a job sector from the list' })
  jobSector?: string;

  @IsOptional()
  @IsString()
  action?: string;
}
