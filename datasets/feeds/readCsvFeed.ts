// Reads one legacy CSV file into a site import: its header says which kind it is (observations, patients, events,
// consents; csvFeedRows.ts), each row becomes the FHIR resource it stands for, and every bad row is counted with its
// line. A file whose header is none of the kinds is not a medfl CSV feed.
import { MedflError } from '../../common/MedflError.ts';
import { patientFor, type ImportContext } from '../fhir/ImportContext.ts';
import type { ResourceSink } from '../fhir/readNdjson.ts';
import { CSV_KINDS, csvKind, ROW_READERS, type CsvKind } from './csvFeedRows.ts';
import { readCsvRecords } from './readCsvRecords.ts';

const BOM = '\ufeff';

function headerError(label: string, line: number, found: string): MedflError {
  const kinds = Object.entries(CSV_KINDS).map(([kind, columns]) => `${columns.join(',')} (${kind})`).join('; ');
  return new MedflError('CSV_NOT_CSV', `${label}:${line}: not a medfl CSV feed: the header must be one of ${kinds}; found ${JSON.stringify(found.slice(0, 80))}`, {
    details: { file: label, line },
  });
}

/** Hands every row's resource to `sink` (the import, and what a caller notes); `label` names the file in issues. */
export async function readCsvFeed(path: string, label: string, context: ImportContext, sink: ResourceSink): Promise<void> {
  let kind: CsvKind | undefined;
  await readCsvRecords(path, (record, line) => {
    if (kind === undefined) {
      const header = Array.isArray(record) ? record.map((name, i) => (i === 0 ? name.replace(BOM, '') : name)) : undefined;
      kind = header && csvKind(header);
      if (kind === undefined) throw headerError(label, line, header?.join(',') ?? `(${Array.isArray(record) ? '' : record.error})`);
      return;
    }
    const issue = (message: string) => context.tally.issue(label, line, 'CSV_MALFORMED', message);
    if (!Array.isArray(record)) return issue(record.error);
    const columns = CSV_KINDS[kind].length;
    if (record.length !== columns) return issue(`${record.length} fields, expected ${columns} (${CSV_KINDS[kind].join(',')})`);
    const patient = (record[0] ?? '').trim();
    if (patient === '') return issue('no patient id');
    const resource = ROW_READERS[kind]([patient, ...record.slice(1)]);
    if (typeof resource === 'string') return issue(resource);
    // A row names its patient: no separate patient record is needed for the patient to exist (patients.csv adds demographics).
    if (kind === 'observations') patientFor(context, patient, label, line).found = true;
    sink(resource, label, line);
  });
  if (kind === undefined) throw new MedflError('CSV_NOT_CSV', `${label} is empty: a medfl CSV feed starts with its header`, { details: { file: label } });
}
