import { readLongTable } from "../../src/index.js";

// Child of the resource tests: reads the long table in argv[2] and prints its row count or the error.
try {
  console.log(`rows ${readLongTable(process.argv[2]).measurements.length}`);
} catch (error) {
  console.log((error as Error).message);
  process.exitCode = 1;
}
