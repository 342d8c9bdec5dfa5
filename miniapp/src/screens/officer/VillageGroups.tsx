import { staffFor } from "../../api/staff";
import { useData, useServices } from "../../app/hooks";
import { when } from "../../ui/format";
import { Icon } from "../../ui/icons";
import * as ic from "../../ui/lazy-paths";
import { Bar } from "../../ui/parts";

/** GET /api/officer/groups, as the bot answers it (bot/groups/group-view.ts). */
export interface GroupState {
  groupId: string;
  name: string;
  status: "active" | "disabled" | "deleted" | "not_owned";
  handMade: boolean;
  usedForPosts: boolean;
  memberCount: number | null;
  maxMembers: number | null;
  lastSyncAt: string | null;
  statusChangedAt: string | null;
  lastEvent: string | null;
  lastEventAt: string | null;
}
export interface VillageGroupsResponse {
  villages: { villageId: string; villageName: string; groups: GroupState[] }[];
  otherGroups: GroupState[];
}

/** What each state means for an officer, in plain words; `tone` colours the label. */
function stateWords(g: GroupState): { label: string; tone: "ok" | "warn" | "bad" | ""; note?: string } {
  if (g.handMade) return { label: "Nhóm trưởng thôn tự lập", tone: "", note: "Zalo không cho gửi tự động vào nhóm này: tin được nhờ trưởng thôn chuyển vào nhóm." };
  switch (g.status) {
    case "active":
      return { label: "Đang nhận tin", tone: "ok" };
    case "deleted":
      return { label: "Nhóm đã bị xoá", tone: "bad", note: "Tin cho thôn được nhờ trưởng thôn chuyển. Cần lập nhóm mới và ghi lại vào cấu hình của xã." };
    case "disabled":
      return { label: "Nhóm bị khoá", tone: "bad", note: "Gói nhóm trên Zalo đã hết hạn. Hãy gia hạn; trong lúc chờ, tin được nhờ trưởng thôn chuyển." };
    case "not_owned":
      return { label: "Không gửi vào được", tone: "warn", note: "Nhóm không còn do tài khoản Zalo của xã quản lý: tin được nhờ trưởng thôn chuyển." };
  }
}

function Members({ g }: { g: GroupState }) {
  if (g.memberCount === null) return <p className="muted">Chưa rõ số thành viên</p>;
  if (!g.maxMembers) return <p>{`${g.memberCount} thành viên`}</p>;
  const full = g.memberCount >= g.maxMembers;
  const nearly = !full && g.memberCount >= g.maxMembers * 0.9;
  return (
    <>
      <p data-testid="group-members">
        {`${g.memberCount}/${g.maxMembers} thành viên`}
        {full ? " · nhóm đã đầy" : nearly ? " · nhóm sắp đầy" : ""}
      </p>
      <Bar percent={(100 * g.memberCount) / g.maxMembers} ok={!nearly && !full} />
    </>
  );
}

/** When the bad news came, or when Zalo was last asked about a group that is fine. */
function since(g: GroupState): string {
  if (g.status !== "active" && g.statusChangedAt) return `Từ ${when(g.statusChangedAt)}`;
  return g.lastSyncAt ? `Đã hỏi Zalo lúc ${when(g.lastSyncAt)}` : "Chưa hỏi được Zalo về nhóm này";
}

function GroupItem({ g }: { g: GroupState }) {
  const w = stateWords(g);
  return (
    <li className="group-item" data-group={g.groupId} data-status={g.status} style={{ padding: "8px 0", borderTop: "1px solid var(--line)" }}>
      <p style={{ fontWeight: 600 }}>{g.name}</p>
      <span className={w.tone ? `chip ${w.tone}` : "chip"}>{w.label}</span>
      {!g.handMade && g.status !== "deleted" && <Members g={g} />}
      {w.note && <p style={{ marginTop: 4 }}>{w.note}</p>}
      {!g.handMade && <p className="muted">{since(g)}</p>}
    </li>
  );
}

/** The officer's view of every village's Zalo groups: state, members against the limit, what happens to posts. */
export function VillageGroups() {
  const s = useServices();
  const d = useData<VillageGroupsResponse>("officer-groups", () => staffFor(s.api).villageGroups<VillageGroupsResponse>(), 60_000);
  if (!d.data) return d.error ? <p className="muted">Chưa tải được tình trạng nhóm Zalo của các thôn.</p> : null;
  const { villages, otherGroups } = d.data;
  return (
    <section className="card" aria-label="Nhóm Zalo của thôn" data-testid="village-groups">
      <h2 className="row" style={{ gap: 8 }}>
        <Icon p={ic.chat} />
        Nhóm Zalo của thôn
      </h2>
      {villages.map((v) => (
        <div key={v.villageId} data-village={v.villageId} style={{ marginTop: 8 }}>
          <p style={{ fontWeight: 700 }}>{v.villageName}</p>
          {v.groups.length === 0 ? (
            <p className="muted">Thôn chưa có nhóm Zalo: tin được nhờ trưởng thôn chuyển.</p>
          ) : (
            <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
              {v.groups.map((g) => (
                <GroupItem key={g.groupId} g={g} />
              ))}
            </ul>
          )}
        </div>
      ))}
      {otherGroups.length > 0 && <p className="muted" style={{ marginTop: 8 }}>{`Xã còn ${otherGroups.length} nhóm Zalo khác chưa gắn với thôn nào.`}</p>}
    </section>
  );
}
