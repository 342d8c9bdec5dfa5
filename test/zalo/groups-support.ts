import { expect } from "vitest";
import type { GroupRow } from "../../bot/groups/group-repo";
import { settle } from "../support/resident";
import { startStack, waitFor, type Stack } from "../support/stack";

export const AUTH = { authorization: "Bearer officer-token" };

/**
 * The real app wired to the real simulator, the commune's village groups created in the simulator
 * before the bot starts, and the bot's start-up sync with Zalo finished.
 */
export async function bootWithGroups(prepare?: (s: Stack) => void): Promise<Stack> {
  const s = await startStack({ env: { ADMIN_TOKEN: "officer-token" }, startWorkers: false });
  for (const v of s.services.config.commune.villages) {
    for (const g of v.zaloGroups) s.sim.sim.upsertGroup({ group_id: g.groupId, name: g.name, owned_by_oa: g.managedByOa });
  }
  prepare?.(s);
  await s.services.startWorkers();
  await waitFor(() => s.services.groups.sync.syncedAt() !== undefined, 10_000, "the start-up group sync");
  return s;
}

/** Calls the simulator's control API (what a test or a commune's rehearsal does). */
export async function control(s: Stack, path: string, body: unknown = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${s.sim.url}/simulator/api${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  expect(res.status, `${path}: ${text}`).toBe(200);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Every stored event handled, every background group refresh done, the outbox settled. */
export async function settleGroups(s: Stack): Promise<void> {
  await s.services.worker.drain();
  await s.services.groups.sync.idle();
  await settle(s);
}

export const row = (s: Stack, groupId: string): GroupRow | undefined => s.services.groups.registry.get(groupId);

/** An officer posts to one village's Zalo groups through the officers' API; returns the delivery report. */
export async function postToVillage(s: Stack, villageId: string, text: string) {
  const created = await s.app.inject({ method: "POST", url: "/api/officer/broadcasts", headers: AUTH, payload: { title: text.slice(0, 40), text, audience: { kind: "village_groups", villageIds: [villageId] } } });
  expect(created.statusCode, created.body).toBe(201);
  const id = (created.json() as { id: number }).id;
  const sent = await s.app.inject({ method: "POST", url: `/api/officer/broadcasts/${id}/send`, headers: AUTH });
  expect(sent.statusCode, sent.body).toBe(200);
  await settleGroups(s);
  const report = await s.app.inject({ method: "GET", url: `/api/officer/broadcasts/${id}/report`, headers: AUTH });
  return report.json() as { deliveries: { targetId: string; channel: string; reason: string; outboxId: number | null }[] };
}
