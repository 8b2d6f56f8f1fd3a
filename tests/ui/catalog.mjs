// The kinds' labels for the node tests: the catalog the core serves (kind_catalog),
// loaded through the setter main.js uses. tests/fixtures/kind-catalog.json is
// checked against the core by `cargo test -p gridledger-core --test it
// ui_catalog_fixture` (GRIDLEDGER_BLESS=1 rewrites it). Import this module first in
// a test file whose subject shows a kind's label.
import { readFileSync } from 'node:fs';
import { useKindCatalog } from '../../ui/js/logic/labels.js';

export const KIND_CATALOG = JSON.parse(readFileSync(new URL('./fixtures/kind-catalog.json', import.meta.url), 'utf8'));

useKindCatalog(KIND_CATALOG);
