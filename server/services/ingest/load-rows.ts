import "server-only";
import { readFile } from "node:fs/promises";
import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { ImportRejection } from "@/drizzle/schema";
import { copyInTransaction, withCheckedReferences } from "@/server/db/copy-in-transaction";
import type { Tx } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import type { StagedFile } from "./read-rows";
import { STORED_REJECTIONS } from "./rejections";
import type { Rejections } from "./rejections";
import { STAGING_TYPE } from "./sources";
import type { SourceSpec } from "./sources";
import { MAX_CHECKED_DAYS, detectAlerts } from "@/server/services/alerts/detect-alerts";
import { refreshSalesRollups } from "@/server/services/sales/refresh-sales-rollups";
import type { RollupScope } from "@/server/services/sales/refresh-sales-rollups";

/** Session-local and dropped at commit or rollback: no other session, and so no other tenant, ever sees it. */
const STAGE = "import_stage";
const REJECTS = "import_rejects";

export type LoadCounts = { inserted: number; updated: number; unchanged: number };

const id = (name: string) => sql.identifier(name);
const list = (names: readonly string[], prefix?: string) => sql.join(names.map((n) => (prefix ? sql`${sql.raw(prefix)}.${id(n)}` : id(n))), sql`, `);

/** Staging table of the source's fields, typed like their target columns. */
async function createStage(tx: Tx, spec: SourceSpec): Promise<void> {
  const columns = spec.fields.map((f) => sql`${id(f.name)} ${sql.raw(STAGING_TYPE[f.type])}`);
  await tx.execute(sql`create temp table ${id(STAGE)} (line integer not null, ${sql.join(columns, sql`, `)}, extra jsonb not null) on commit drop`);
  await tx.execute(sql`create temp table ${id(REJECTS)} (line integer not null, "column" text, value text, reason text not null) on commit drop`);
}

/** The set-based checks: what only the database knows (the tenant's stores and items, the whole file's keys). */
function checks(spec: SourceSpec): SQL[] {
  const out: SQL[] = [];
  if (spec.storeField) {
    const f = spec.storeField;
    out.push(sql`select s.line, ${f}, s.${id(f)}, 'is not a store of this workspace (import stores first)'
                   from ${id(STAGE)} s where not exists (select 1 from stores t where t.id = s.${id(f)})`);
  }
  if (spec.itemField) {
    const f = spec.itemField;
    out.push(sql`select s.line, ${f}, s.${id(f)}, 'is not an item of this workspace''s catalog (import the catalog first)'
                   from ${id(STAGE)} s where not exists (select 1 from items t where t.id = s.${id(f)})`);
  }
  const key = spec.key;
  out.push(sql`select d.line, null, null, 'repeats the ' || ${key.join(", ")} || ' of line ' || d.first_line
                 from (select line, min(line) over w as first_line, row_number() over w as n
                         from ${id(STAGE)} window w as (partition by ${list(key)} order by line)) d
                where d.n > 1`);
  return out;
}

function targetColumns(spec: SourceSpec) {
  const keyColumns = new Set(spec.key.map((k) => spec.fields.find((f) => f.name === k)!.column));
  const all = spec.fields.map((f) => f.column);
  return { all, keyColumns: [...keyColumns], updatable: [...all.filter((c) => !keyColumns.has(c)), "extra"] };
}

/**
 * Phase two, inside the caller's tenant transaction: COPY the staged chunks into a temporary
 * table, fill what comes from the catalog, run the set-based checks (unknown store or item,
 * duplicate keys) into the rejections, and — unless the caller only validates or must refuse
 * the file — upsert on the natural key, changing only rows whose values differ, so the same file
 * imported twice changes nothing the second time. Returns what was (or would be) inserted,
 * updated and left unchanged.
 */
export async function loadRows(tx: Tx, spec: SourceSpec, staged: StagedFile, rejections: Rejections, decide: () => "write" | "preview" | "refuse", onChunk?: (rows: number) => void): Promise<LoadCounts> {
  await createStage(tx, spec);
  let loaded = 0;
  for (const file of staged.chunks) {
    const csv = await readFile(file, "utf8");
    await copyInTransaction(tx, STAGE, staged.columns, csv);
    loaded += csv.split("\n").length - 1;
    onChunk?.(loaded);
  }
  // A fresh temporary table has no statistics; without them PostgreSQL planned the fill below as a per-row loop (4.7 s for 200,000 rows).
  await tx.execute(sql`analyze ${id(STAGE)}`);
  if (spec.fillFromItem) {
    const { field, itemColumn } = spec.fillFromItem;
    await tx.execute(sql`update ${id(STAGE)} s set ${id(field)} = i.${id(itemColumn)} from items i where s.${id(field)} is null and i.id = s.${id(spec.itemField!)}`);
  }
  for (const check of checks(spec)) await tx.execute(sql`insert into ${id(REJECTS)} (line, "column", value, reason) ${check}`);
  const [counted] = await executeRows<{ rows: number }>(tx, sql`select count(distinct line)::int as rows from ${id(REJECTS)}`);
  const shown = await executeRows<ImportRejection>(tx, sql`select line, "column", value, reason from ${id(REJECTS)} order by line limit ${STORED_REJECTIONS}`);
  rejections.addCounted(counted?.rows ?? 0, shown);
  await tx.execute(sql`delete from ${id(STAGE)} where line in (select line from ${id(REJECTS)})`);

  const { all, keyColumns, updatable } = targetColumns(spec);
  const stageColumns = spec.fields.map((f) => f.name);
  const target = id(spec.table);
  const changed = sql`(${list(updatable, spec.table)}) is distinct from (${list(updatable, "excluded")})`;
  const decision = decide();
  if (decision === "refuse") return { inserted: 0, updated: 0, unchanged: 0 };
  if (decision === "preview") {
    const onKey = sql.join(keyColumns.map((c) => sql`t.${id(c)} = s.${id(spec.fields.find((f) => f.column === c)!.name)}`), sql` and `);
    const same = sql.join(
      updatable.map((c) => sql`t.${id(c)} is not distinct from s.${id(c === "extra" ? "extra" : spec.fields.find((f) => f.column === c)!.name)}`),
      sql` and `,
    );
    const [row] = await executeRows<{ inserted: number; updated: number; unchanged: number }>(tx, sql`
      select count(*) filter (where t.found is null)::int as inserted,
             count(*) filter (where t.found and not t.same)::int as updated,
             count(*) filter (where t.found and t.same)::int as unchanged
        from ${id(STAGE)} s
        left join lateral (select true as found, (${same}) as same from ${target} t where ${onKey}) t on true`);
    return { inserted: row?.inserted ?? 0, updated: row?.updated ?? 0, unchanged: row?.unchanged ?? 0 };
  }
  const rollups = await rollupScopeOf(tx, spec);
  const [row] = await withCheckedReferences(tx, () => executeRows<{ inserted: number; updated: number }>(tx, sql`
    with up as (
      insert into ${target} (tenant_id, ${list(all)}, extra)
      select (select app_current_tenant_id()), ${list(stageColumns, "s")}, s.extra from ${id(STAGE)} s
      -- In primary-key order, so the index is filled page by page instead of at random places.
      order by ${list(spec.key, "s")}
      on conflict (tenant_id, ${list(keyColumns)}) do update set ${sql.join(updatable.map((c) => sql`${id(c)} = excluded.${id(c)}`), sql`, `)}
      where ${changed}
      returning (xmax = 0) as inserted)
    select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated from up`));
  if (rollups) await refreshSalesRollups(tx, rollups);
  const [remaining] = await executeRows<{ n: number }>(tx, sql`select count(*)::int as n from ${id(STAGE)}`);
  // A file larger than one check's worth of store-item-days is a history load, not news: checking it
  // read the table through statistics from before the load (ANALYZE runs after the commit) and
  // took minutes. Daily files and streamed batches are checked.
  if (spec.table === "sales" && (remaining?.n ?? 0) <= MAX_CHECKED_DAYS) await detectAlerts(tx, sql`select store_id, item_id, date from ${id(STAGE)}`);
  const inserted = row?.inserted ?? 0;
  const updated = row?.updated ?? 0;
  return { inserted, updated, unchanged: (remaining?.n ?? 0) - inserted - updated };
}

/**
 * The sales rollup cells an upsert of the staged rows changes, read before it runs: the store-days
 * of staged sales, or the store-days sold of items whose category or unit cost the staged catalog
 * changes. Other sources feed no rollup.
 */
async function rollupScopeOf(tx: Tx, spec: SourceSpec): Promise<RollupScope | null> {
  if (spec.table === "sales") return { storeDays: sql`select store_id, date from ${id(STAGE)}` };
  if (spec.table !== "items") return null;
  const changed = await executeRows<{ id: string }>(tx, sql`
    select i.id from ${id(STAGE)} s join items i on i.id = s.item_id
     where (i.category, i.unit_cost) is distinct from (s.category, s.unit_cost)`);
  if (changed.length === 0) return null;
  const ids = changed.map((c) => c.id);
  return { storeDays: sql`select store_id, date from sales where item_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))` };
}
