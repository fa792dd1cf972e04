import { writeReport } from "../../src/index.js";
import { twoReports } from "./twoReports.js";

// Child of the kill -9 test: replaces the report in argv[2] with the two reports in turn until killed.
const out = process.argv[2];
const reports = twoReports();
writeReport(reports[0], out, { force: true });
process.stdout.write("ready\n");
for (let k = 1; ; k++) writeReport(reports[k % 2], out, { force: true });
