// Writes, one a line, the SDMX REST v2 URLs that the npm client sdmx-rest (sosna/sdmx-rest4js) generates for the
// queries a user of Migrex would make. SdmxRest4jsIT sends each to a running exchange service.
//
// Regenerate (the library is not part of the build: no Node toolchain is downloaded by Maven):
//   d=$(mktemp -d) && (cd "$d" && npm install --no-save sdmx-rest@2.20.0) &&
//   NODE_PATH="$d/node_modules" node generate-urls.js > urls.txt
// Each line is "<full|short> <url>"; full is what getUrl() returns (every default spelled out), short what the
// library's UrlGenerator returns with skipDefaults (defaults left off, the path shortened from the end).
const sdmx = require('sdmx-rest');
const { UrlGenerator } = require('sdmx-rest/lib/utils/url-generator');

const service = sdmx.getService({ url: 'http://HOST/sdmx/v2', api: 'v2.0.0' });
const flow = 'dataflow=MIGREX:MIGR_FLOW(2.0.0)';

const data = [
  {},
  { context: 'dataflow=MIGREX:MIGR_FLOW(2.0.0)' },
  { context: 'dataflow=MIGREX:MIGR_FLOW(*)' },
  { context: 'dataflow=MIGREX:MIGR_FLOW(~)' },
  { context: 'dataflow=*:MIGR_FLOW(*)' },
  { context: 'datastructure=MIGREX:MIGR_FLOW(2.0.0)' },
  { context: flow, key: 'KAZ.IMM.KGZ' },
  { context: flow, key: 'KAZ.IMM.*.*.M' },
  { context: flow, key: 'KAZ.IMM.KGZ,KAZ.EMI.KGZ' },
  { context: flow, filters: ['SEX=M'] },
  { context: flow, filters: ['SEX=M,F', 'TIME_PERIOD=ge:2025-01+le:2025-12'] },
  { context: flow, filters: ['CONF_STATUS=F'] },
  { context: flow, obsDimension: 'AllDimensions' },
  { context: flow, obsDimension: 'TIME_PERIOD' },
  { context: flow, history: true },
  { context: flow, updatedAfter: '2025-01-01T00:00:00Z' },
  { context: flow, updatedAfter: '2025-01-01T00:00:00+05:00' },
  { context: flow, firstNObs: 1 },
  { context: flow, lastNObs: 1 },
  { context: flow, attributes: 'none', measures: 'none' },
  { context: flow, attributes: 'all' },
  { context: flow, attributes: 'CONF_STATUS', measures: 'OBS_VALUE' },
  { context: flow, key: 'KAZ.IMM', filters: ['SEX=F'], obsDimension: 'AllDimensions',
    updatedAfter: '2025-01-01T00:00:00Z', history: true },
];

const availability = [
  { mode: 'exact' },
  { context: flow, mode: 'exact' },
  { context: flow, mode: 'available' },
  { context: flow, key: 'KAZ.IMM', mode: 'exact' },
  { context: flow, key: 'KAZ.IMM', component: 'SEX', mode: 'exact' },
  { context: flow, component: 'TIME_PERIOD', mode: 'exact' },
  { context: flow, filters: ['SEX=M'], mode: 'available' },
  { context: flow, references: 'all' },
  { context: flow, references: 'codelist' },
  { context: flow, references: 'datastructure' },
  { context: flow, references: 'dataflow' },
  { context: flow, references: 'conceptscheme' },
  { context: flow, updatedAfter: '2025-01-01T00:00:00Z', mode: 'exact' },
];

const structure = [
  { resource: 'dataflow' },
  { resource: 'dataflow', agency: 'MIGREX' },
  { resource: 'dataflow', agency: 'MIGREX', id: 'MIGR_FLOW' },
  { resource: 'dataflow', agency: 'MIGREX', id: 'MIGR_FLOW', version: '2.0.0' },
  { resource: 'dataflow', agency: 'MIGREX', id: 'MIGR_FLOW', version: '2.0.0', references: 'all' },
  { resource: 'datastructure', agency: 'MIGREX', id: 'MIGR_FLOW', version: '2.0.0', references: 'codelist' },
  { resource: 'datastructure', agency: 'MIGREX', id: 'MIGR_FLOW', references: 'children' },
  { resource: 'datastructure', agency: 'MIGREX', id: 'MIGR_FLOW', detail: 'allstubs' },
  { resource: 'codelist', agency: 'MIGREX', id: 'CL_SEX' },
  { resource: 'codelist', agency: 'MIGREX', id: 'CL_SEX', version: '2.0.0' },
  { resource: 'codelist', agency: 'MIGREX', id: 'CL_SEX', item: 'M' },
];

const out = [];
const add = (query, build) => {
  out.push('full ' + sdmx.getUrl(build(query), service));
  out.push('short ' + new UrlGenerator().getUrl(build(query), service, true));
};
data.forEach(q => add(q, sdmx.getDataQuery2));
availability.forEach(q => add(q, sdmx.getAvailabilityQuery2));
structure.forEach(q => add(q, sdmx.getMetadataQuery));
process.stdout.write([...new Set(out)].join('\n') + '\n');
