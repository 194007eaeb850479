import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class ArchiveSettingDto {
  @ApiProperty({ description: 'false keeps the edition out of the public archive: its page answers 404 and the lists leave it out', example: false })
  @IsBoolean({ message: 'inArchive must be true or false' })
  inArchive!: boolean;
}
