import { useData, useServices } from "../app/hooks";
import type { GroupState, VillageGroupsResponse } from "../screens/officer/VillageGroups";
import { Failed, Loading } from "../ui/parts";
import { consoleEndpoints } from "./api";
import { PageFrame, at } from "./parts";

/** The same words as the phone's VillageGroups (screens/officer/VillageGroups.tsx), as a table. */
function stateWords(g: GroupState): { label: string; cls: string; note: string } {
  if (g.handMade) return { label: "Nhóm trưởng thôn tự lập", cls: "", note: "Zalo không cho gửi tự động vào nhóm này: tin được nhờ trưởng thôn chuyển." };
  switch (g.status) {
    case "active":
      return { label: "Đang nhận tin", cls: "done", note: "" };
    case "deleted":
      return { label: "Nhóm đã bị xoá", cls: "new", note: "Tin được nhờ trưởng thôn chuyển. Cần lập nhóm mới và ghi vào cấu hình của xã." };
    case "disabled":
      return { label: "Nhóm bị khoá", cls: "new", note: "Gói nhóm trên Zalo đã hết hạn: hãy gia hạn; trong lúc chờ, tin được nhờ trưởng thôn chuyển." };
    case "not_owned":
      return { label: "Không gửi vào được", cls: "in_progress", note: "Nhóm không còn do tài khoản Zalo của xã quản lý: tin được nhờ trưởng thôn chuyển." };
  }
}

function members(g: GroupState): string {
  if (g.handMade || g.status === "deleted") return "–";
  if (g.memberCount === null) return "Chưa rõ";
  if (!g.maxMembers) return `${g.memberCount}`;
  const full = g.memberCount >= g.maxMembers;
  const nearly = !full && g.memberCount >= g.maxMembers * 0.9;
  return `${g.memberCount}/${g.maxMembers}${full ? " (đã đầy)" : nearly ? " (sắp đầy)" : ""}`;
}

/** Nhóm Zalo: each village's groups, their state and members against Zalo's limit. */
export function GroupsPage() {
  const s = useServices();
  const d = useData<VillageGroupsResponse>("officer-groups", () => consoleEndpoints(s.api).villageGroups<VillageGroupsResponse>(), 60_000);
  return (
    <PageFrame title="Nhóm Zalo của các thôn">
      <p className="lead">Thông báo cho thôn được đăng thẳng vào nhóm Zalo của thôn khi nhóm do tài khoản Zalo của xã lập; nếu không, nhờ trưởng thôn chuyển.</p>
      {!d.data && (d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />)}
      {d.data && (
        <div className="c-table-wrap">
          <table className="c-table" data-testid="console-groups">
            <caption className="sr-only">Nhóm Zalo của từng thôn</caption>
            <thead>
              <tr>
                <th scope="col">Thôn</th>
                <th scope="col">Nhóm</th>
                <th scope="col">Tình trạng</th>
                <th scope="col">Thành viên</th>
                <th scope="col">Ghi chú</th>
              </tr>
            </thead>
            <tbody>
              {d.data.villages.flatMap((v) =>
                v.groups.length === 0
                  ? [
                      <tr key={v.villageId} data-village={v.villageId}>
                        <th scope="row">{v.villageName}</th>
                        <td colSpan={4}>Thôn chưa có nhóm Zalo: tin được nhờ trưởng thôn chuyển.</td>
                      </tr>,
                    ]
                  : v.groups.map((g, i) => {
                      const w = stateWords(g);
                      return (
                        <tr key={g.groupId} data-village={v.villageId} data-group={g.groupId}>
                          <th scope="row">{i === 0 ? v.villageName : ""}</th>
                          <td>{g.name}</td>
                          <td>
                            <span className={`tag ${w.cls}`}>{w.label}</span>
                          </td>
                          <td>{members(g)}</td>
                          <td>
                            {w.note}
                            {!g.handMade && <div className="muted small">{g.status !== "active" && g.statusChangedAt ? `Từ ${at(g.statusChangedAt)}` : g.lastSyncAt ? `Đã hỏi Zalo lúc ${at(g.lastSyncAt)}` : "Chưa hỏi được Zalo về nhóm này"}</div>}
                          </td>
                        </tr>
                      );
                    }),
              )}
            </tbody>
          </table>
        </div>
      )}
      {d.data && d.data.otherGroups.length > 0 && <p className="muted">{`Xã còn ${d.data.otherGroups.length} nhóm Zalo khác chưa gắn với thôn nào.`}</p>}
    </PageFrame>
  );
}
