import "server-only";
import type { DriverTotal } from "@/models/xai";
import type { NumberFormats } from "./number-format";

/** The numbers an explanation's sentences are written from; every number they print is one of these. */
export type SentenceFacts = {
  /** "on Tue 3 Mar", "for Tue 3 Mar – Mon 9 Mar": the period, already in words. */
  period: string;
  forecast: number;
  baseValue: number;
  p10: number;
  p90: number;
  /** Driver totals in units (any order). */
  groups: readonly DriverTotal[];
  /** The same rows' average over the 28 days (four weeks) before the origin, in units for the same number of days; NaN when unknown. */
  recentTypical: number;
  /** Width an 80% range of past daily sales would have had (2.56 standard deviations, same days); NaN when unknown. */
  recentSpread: number;
};

/** Drivers smaller than this share of the forecast (or 0.05 units) are not worth a sentence. */
const NEGLIGIBLE = 0.02;

/**
 * Two to four sentences from the numbers: the strongest drivers with direction and size, how the
 * forecast compares with recent sales, and how sure it is. No language model: the words are
 * templates, the numbers come from `facts` through the tenant's formats.
 */
export function writeSentences(facts: SentenceFacts, f: NumberFormats): string[] {
  const sentences: string[] = [];
  const floor = Math.max(0.05, NEGLIGIBLE * Math.abs(facts.forecast));
  const ranked = [...facts.groups].filter((g) => Math.abs(g.value) >= floor).sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  const moves = (g: DriverTotal) => `${g.label.toLowerCase()} ${g.value > 0 ? "adds" : "takes off"} ${f.units(Math.abs(g.value))} units`;
  const [first, second, third] = ranked;
  const forecastText = `The forecast ${facts.period} is ${f.units(facts.forecast)} units, against ${f.units(facts.baseValue)} expected from its sales level alone`;
  if (!first) sentences.push(`${forecastText}; no single driver moves it by much.`);
  else sentences.push(`${forecastText}: ${moves(first)}, the strongest driver.`);
  if (second) sentences.push(`${capitalise(moves(second))}${third ? ` and ${moves(third)}` : ""}.`);
  if (Number.isFinite(facts.recentTypical) && facts.recentTypical > 0) {
    const change = facts.forecast / facts.recentTypical - 1;
    const against = `the ${f.units(facts.recentTypical)} units the same days averaged over the four weeks before the forecast`;
    sentences.push(Math.abs(change) < 0.05 ? `That is in line with ${against}.` : `That is ${f.percent(Math.abs(change))} ${change > 0 ? "above" : "below"} ${against}.`);
  }
  const width = facts.p90 - facts.p10;
  if (Number.isFinite(facts.recentSpread) && facts.recentSpread > 0) {
    const narrower = width <= facts.recentSpread;
    sentences.push(
      `The model is ${narrower ? "fairly sure" : "unsure"}: four in five outcomes should fall between ${f.units(facts.p10)} and ${f.units(facts.p90)} units, a range ${narrower ? "narrower" : "wider"} than the ${f.units(facts.recentSpread)} units recent daily sales spread over.`,
    );
  } else {
    sentences.push(`Four in five outcomes should fall between ${f.units(facts.p10)} and ${f.units(facts.p90)} units.`);
  }
  return sentences.slice(0, 4);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
