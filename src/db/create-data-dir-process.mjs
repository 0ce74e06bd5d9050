// Child process that creates an embedded database's data folder (see create-data-dir.ts):
// PGlite runs initdb on a folder without PG_VERSION, then closes. Argument: the folder.
import { PGlite } from "@electric-sql/pglite";

const pglite = await PGlite.create({ dataDir: process.argv[2] });
await pglite.close();
