import { useEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "../api/client";
import type { VillageItem } from "../api/types";
import { useData, useServices } from "../app/hooks";
import { Banner, Failed, Loading, useToast } from "../ui/parts";
import { go } from "../ui/router";
import { consoleEndpoints, type AssigneeRole, type Ticket, type TicketDetail, type TicketList, type TicketStatus } from "./api";
import { dashEndpoints } from "./dash-api";
import { PageFrame, at, useEvery, waitedWords } from "./parts";

const FILTERS: { key: string; label: string; status: TicketStatus[] }[] = [
  { key: "open", label: "Chưa xong", status: ["new", "in_progress"] },
  { key: "new", label: "Mới", status: ["new"] },
  { key: "in_progress", label: "Đang xử lý", status: ["in_progress"] },
  { key: "done", label: "Đã xong", status: ["done"] },
];

const FROM: Record<TicketDetail["conversation"][number]["from"], string> = { resident: "Người dân", bot: "Trợ lý tự động", officer: "Cán bộ" };

/** Yêu cầu hỗ trợ: every hand-off and unanswered question, newest first, refreshed every 15 seconds. */
export function TicketsPage() {
  const s = useServices();
  const api = consoleEndpoints(s.api);
  const [filter, setFilter] = useState("open");
  const [village, setVillage] = useState("");
  const f = FILTERS.find((x) => x.key === filter)!;
  const villages = useData<{ items: VillageItem[] }>("villages", api.villages, 5 * 60_000);
  const list = useData<TicketList>(`tickets:${filter}:${village}`, () => api.tickets({ status: f.status, village }), 10_000);
  useEvery(15_000, () => void list.reload());
  const counts = list.data?.counts;

  return (
    <PageFrame title="Yêu cầu hỗ trợ">
      <p className="lead">Người dân xin gặp người hỗ trợ, hoặc hỏi điều trợ lý tự động chưa trả lời được. Bấm vào một dòng để xem cuộc trò chuyện và trả lời.</p>
      <div className="toolbar">
        <div className="seg" role="group" aria-label="Lọc theo trạng thái">
          {FILTERS.map((x) => (
            <button key={x.key} type="button" aria-pressed={x.key === filter} onClick={() => setFilter(x.key)}>
              {x.label}
              {counts && x.status.length === 1 ? ` (${counts[x.status[0]!]})` : counts && x.key === "open" ? ` (${counts.new + counts.in_progress})` : ""}
            </button>
          ))}
        </div>
        <label className="inline-field">
          <span>Thôn</span>
          <select value={village} onChange={(e) => setVillage(e.target.value)}>
            <option value="">Tất cả các thôn</option>
            {(villages.data?.items ?? []).map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!list.data && (list.error ? <Failed message={list.error.message} retry={() => void list.reload()} /> : <Loading />)}
      {list.data && list.data.items.length === 0 && <p className="empty">Không có yêu cầu nào ở mục này.</p>}
      {list.data && list.data.items.length > 0 && (
        <div className="c-table-wrap">
          <table className="c-table" data-testid="tickets-table">
            <caption className="sr-only">Danh sách yêu cầu hỗ trợ</caption>
            <thead>
              <tr>
                <th scope="col">Nhận lúc</th>
                <th scope="col">Thôn</th>
                <th scope="col">Nội dung</th>
                <th scope="col">Đã chờ</th>
                <th scope="col">Người phụ trách</th>
                <th scope="col">Trạng thái</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((t) => (
                <tr key={t.id} data-ticket={t.id} className="clickable" onClick={() => go(`/yeu-cau/${t.id}`)}>
                  <td>{at(t.createdAt)}</td>
                  <td>{t.villageName ?? "Chưa rõ thôn"}</td>
                  <td>
                    <a href={`#/yeu-cau/${t.id}`} onClick={(e) => e.stopPropagation()}>
                      {t.question ? `“${t.question}”` : t.reasonText}
                    </a>
                    {t.question && <div className="muted small">{t.reasonText}</div>}
                  </td>
                  <td>{t.status === "done" || t.answeredAt ? "–" : waitedWords(t.waitedMinutes)}</td>
                  <td>{t.assignee ? `${t.assignee.name} (${t.assignee.roleText})` : "Chưa giao"}</td>
                  <td>
                    <StatusTag t={t} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PageFrame>
  );
}

function StatusTag({ t }: { t: Pick<Ticket, "status" | "statusText"> }) {
  return <span className={`tag ${t.status}`}>{t.statusText}</span>;
}

/** One ticket: the conversation so far, the answer box, who handles it, and its status. */
export function TicketPage({ id }: { id: number }) {
  const s = useServices();
  const toast = useToast();
  const api = consoleEndpoints(s.api);
  const d = useData<TicketDetail>(`ticket:${id}`, () => api.ticket(id), 5_000);
  useEvery(10_000, () => void d.reload());
  const [text, setText] = useState("");
  const [key, setKey] = useState(() => s.newKey());
  const [assignee, setAssignee] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  const run = async (what: string, fn: () => Promise<unknown>, done: string) => {
    setBusy(what);
    try {
      await fn();
      toast(done);
      await d.reload();
      return true;
    } catch (err) {
      toast(err instanceof ApiError ? err.message : "Chưa làm được. Bác thử lại nhé.");
      return false;
    } finally {
      setBusy(null);
    }
  };
  const candidates = useMemo(() => d.data?.assignees ?? [], [d.data]);
  // The latest messages in view, as in a chat.
  const conv = useRef<HTMLOListElement>(null);
  const lines = d.data?.conversation.length ?? 0;
  useEffect(() => {
    if (conv.current) conv.current.scrollTop = conv.current.scrollHeight;
  }, [lines]);

  if (!d.data) {
    return <PageFrame title="Yêu cầu hỗ trợ">{d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />}</PageFrame>;
  }
  const t = d.data;
  const answer = async () => {
    const body = text.trim();
    if (await run("answer", () => api.answer(id, body, key), "Đã gửi câu trả lời cho người dân.")) {
      setSent(body);
      setText("");
      setKey(s.newKey());
    }
  };
  return (
    <PageFrame
      title={`Yêu cầu hỗ trợ số ${t.id}`}
      actions={
        <a className="c-btn ghost" href="#/yeu-cau">
          ← Danh sách yêu cầu
        </a>
      }
    >
      <div className="ticket-grid">
        <section className="c-card" aria-labelledby="conv-h">
          <h2 id="conv-h">Cuộc trò chuyện</h2>
          <p className="muted">{`${t.reasonText} · ${t.villageName ?? "Chưa rõ thôn"} · nhận lúc ${at(t.createdAt)}`}</p>
          {t.conversation.length === 0 && <p className="empty">Chưa có tin nhắn nào được lưu.</p>}
          <ol ref={conv} className="conv" data-testid="conversation" tabIndex={0} aria-label="Các tin nhắn, cũ nhất trước">
            {t.conversation.map((l, i) => (
              <li key={i} className={`msg ${l.from}`}>
                <span className="msg-who">{`${FROM[l.from]} · ${at(l.at)}`}</span>
                <span className="msg-text">{l.text}</span>
              </li>
            ))}
          </ol>
          <h3>Trả lời người dân</h3>
          {!t.canAnswer && t.cannotAnswerReason && <Banner kind="warn" title="Không trả lời qua Zalo được">{t.cannotAnswerReason}</Banner>}
          {sent && <Banner kind="ok" title="Đã gửi câu trả lời">{`“${sent}”. Trợ lý tự động sẽ im lặng một lúc để bác trò chuyện tiếp trong Zalo.`}</Banner>}
          <form
            className="answer-form"
            onSubmit={(e) => {
              e.preventDefault();
              void answer();
            }}
          >
            <label className="c-field">
              <span>Câu trả lời (gửi vào Zalo của người dân)</span>
              <textarea name="answer" rows={4} maxLength={2000} value={text} disabled={!t.canAnswer} onChange={(e) => setText(e.target.value)} />
            </label>
            <button className="c-btn" type="submit" disabled={!t.canAnswer || text.trim().length < 2 || busy !== null}>
              {busy === "answer" ? "Đang gửi…" : "Gửi câu trả lời"}
            </button>
          </form>
        </section>

        <aside className="c-card" aria-labelledby="handle-h">
          <h2 id="handle-h">Xử lý</h2>
          <dl className="facts">
            <dt>Trạng thái</dt>
            <dd>
              <StatusTag t={t} />
            </dd>
            <dt>Đã chờ</dt>
            <dd>{t.answeredAt ? `Đã trả lời lúc ${at(t.answeredAt)}` : waitedWords(t.waitedMinutes)}</dd>
            <dt>Người phụ trách</dt>
            <dd data-testid="assignee">{t.assignee ? `${t.assignee.name} (${t.assignee.roleText})` : "Chưa giao cho ai"}</dd>
          </dl>
          <label className="c-field">
            <span>Giao cho</span>
            <select name="assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
              <option value="">Chọn người…</option>
              {candidates.map((c) => (
                <option key={`${c.role}:${c.name}`} value={`${c.role}:${c.name}`}>
                  {`${c.name} (${c.roleText})`}
                </option>
              ))}
            </select>
          </label>
          <button
            className="c-btn secondary"
            type="button"
            disabled={!assignee || busy !== null}
            onClick={() => {
              const i = assignee.indexOf(":");
              void run("assign", () => api.assign(id, assignee.slice(0, i) as AssigneeRole, assignee.slice(i + 1)), "Đã giao việc.");
            }}
          >
            Giao việc
          </button>
          <div className="btn-col">
            {t.status === "new" && (
              <button className="c-btn secondary" type="button" disabled={busy !== null} onClick={() => void run("status", () => api.setStatus(id, "in_progress"), "Đã chuyển sang “Đang xử lý”.")}>
                Đánh dấu đang xử lý
              </button>
            )}
            {t.status !== "done" ? (
              <button className="c-btn" type="button" disabled={busy !== null} onClick={() => void run("status", () => api.setStatus(id, "done"), "Đã đóng yêu cầu.")}>
                Đóng yêu cầu (đã xong)
              </button>
            ) : (
              <button className="c-btn secondary" type="button" disabled={busy !== null} onClick={() => void run("status", () => api.setStatus(id, "in_progress"), "Đã mở lại yêu cầu.")}>
                Mở lại
              </button>
            )}
          </div>
          {t.mapping && <MapQuestion mapping={t.mapping} question={t.question} closed={t.status === "done"} onMapped={() => void d.reload()} />}
        </aside>
      </div>
    </PageFrame>
  );
}

/**
 * The question behind a ticket, mapped to a guide or to something the assistant does (the chat's
 * officer route): the assistant answers the same words so from then on. Then the ticket can be closed.
 */
function MapQuestion({ mapping, question, closed, onMapped }: { mapping: NonNullable<TicketDetail["mapping"]>; question: string | null; closed: boolean; onMapped: () => void }) {
  const s = useServices();
  const toast = useToast();
  const api = dashEndpoints(s.api);
  // Also once mapped: the guide's title, not its id.
  const guides = useData("chat:guides", api.guides, 5 * 60_000);
  const intents = useData("chat:intents", api.intents, 5 * 60_000);
  const [choice, setChoice] = useState("");
  const [busy, setBusy] = useState(false);
  const titleOf = (to: string) => guides.data?.find((g) => g.id === to)?.title ?? intents.data?.find((i) => i.id === to)?.label ?? to;
  if (mapping.resolved) {
    return (
      <section className="map-question" aria-labelledby="map-h" data-testid="map-question">
        <h3 id="map-h">Dạy trợ lý trả lời câu này</h3>
        <p data-testid="map-done">{mapping.dismissed || !mapping.mappedTo ? "Câu hỏi này đã được bỏ qua." : `Đã gắn với: ${titleOf(mapping.mappedTo)}.`}</p>
        <p className="muted small">{closed ? "Câu hỏi đã có câu trả lời nên yêu cầu đã đóng; bấm “Mở lại” nếu còn việc phải làm." : "Bác đóng yêu cầu khi đã xong việc."}</p>
      </section>
    );
  }
  const map = async () => {
    setBusy(true);
    try {
      await api.mapQuestion(mapping.questionId, choice);
      toast(`Đã gắn. Từ nay trợ lý trả lời câu hỏi giống vậy bằng “${titleOf(choice)}”.`);
      onMapped();
    } catch (err) {
      toast(err instanceof ApiError ? err.message : "Chưa gắn được. Bác thử lại nhé.");
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="map-question" aria-labelledby="map-h" data-testid="map-question">
      <h3 id="map-h">Dạy trợ lý trả lời câu này</h3>
      {question && <p className="muted small">{`Câu hỏi: “${question}”`}</p>}
      <label className="c-field">
        <span>Trả lời bằng hướng dẫn hoặc việc</span>
        <select name="map-to" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">Chọn…</option>
          <optgroup label="Hướng dẫn">
            {(guides.data ?? []).map((g) => (
              <option key={g.id} value={g.id}>
                {g.title}
              </option>
            ))}
          </optgroup>
          <optgroup label="Việc trợ lý làm được">
            {(intents.data ?? []).map((i) => (
              <option key={i.id} value={i.id}>
                {i.label}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <button className="c-btn secondary" type="button" disabled={!choice || busy} onClick={() => void map()}>
        {busy ? "Đang gắn…" : "Gắn câu hỏi"}
      </button>
    </section>
  );
}
