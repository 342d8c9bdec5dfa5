import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { ApiError } from "../api/client";
import { useData, useServices } from "../app/hooks";
import { Banner, Failed, Loading, useToast } from "../ui/parts";
import { VILLAGE_KINDS } from "../../../shared/contracts/commune";
import { communeEndpoints, type CommuneEditInput, type CommuneHistory, type CommuneImportResponse, type CommuneView, type StaffLinkCodeResponse, type StaffPerson } from "./commune-api";
import { PageFrame, at } from "./parts";
import { LinkCodeQr } from "./link-code-qr";

type Village = CommuneView["villages"][number];
type Form =
  | { kind: "village"; village: Village }
  | { kind: "head"; village: Village }
  | { kind: "groups"; village: Village }
  | { kind: "add-village" }
  | { kind: "volunteer"; person?: StaffPerson }
  | { kind: "officer" };

const errText = (err: unknown) => (err instanceof ApiError ? err.message : "Chưa lưu được. Bác thử lại nhé.");

/** "Thôn và người phụ trách" (admin): villages, village heads, volunteers, officers, and their Zalo link codes. */
export function CommunePeoplePage() {
  const s = useServices();
  const toast = useToast();
  const api = communeEndpoints(s.api);
  const d = useData<CommuneView>("commune:view", api.view, 30_000);
  const [form, setForm] = useState<Form | null>(null);
  const [code, setCode] = useState<StaffLinkCodeResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const v = d.data;
  const villageName = (id: string) => v?.villages.find((x) => x.id === id)?.name ?? id;

  const save = async (e: CommuneEditInput, done: string): Promise<boolean> => {
    if (!v) return false;
    setBusy(true);
    setProblem(null);
    try {
      const r = await api.edit({ ...e, baseVersion: v.version } as Parameters<typeof api.edit>[0]);
      toast(r.changes.length > 0 ? `${done} ${r.changes.join("; ")}.` : "Không có gì thay đổi.");
      setForm(null);
      await d.reload();
      return true;
    } catch (err) {
      setProblem(errText(err));
      if (err instanceof ApiError && err.status === 409) await d.reload();
      return false;
    } finally {
      setBusy(false);
    }
  };

  const makeCode = async (p: StaffPerson) => {
    setBusy(true);
    setProblem(null);
    try {
      setCode(await api.linkCode(p.key));
    } catch (err) {
      setProblem(errText(err));
    } finally {
      setBusy(false);
    }
  };

  const codeButton = (p: StaffPerson) => (
    <button className="c-btn secondary small" type="button" disabled={busy} onClick={() => void makeCode(p)} aria-label={`Tạo mã liên kết Zalo cho ${p.name}`}>
      Tạo mã liên kết Zalo
    </button>
  );
  const linked = (p: StaffPerson) => (p.linkedOa || p.linkedApp ? <span className="cm-yes">Đã liên kết</span> : <span className="cm-no">Chưa liên kết</span>);
  /** The person's name, their phone under it. */
  const named = (p: StaffPerson) => (
    <>
      {p.name}
      {p.phone && <span className="cm-sub">{p.phone}</span>}
    </>
  );
  /** "Bỏ": takes the person off a list once the officer confirms `question`. */
  const removeButton = (label: string, question: string, edit: CommuneEditInput) => (
    <button
      className="c-btn secondary danger small"
      type="button"
      disabled={busy}
      aria-label={label}
      onClick={() => {
        if (confirm(question)) void save(edit, "Đã lưu:");
      }}
    >
      Bỏ
    </button>
  );

  return (
    <PageFrame
      title="Thôn và người phụ trách"
      actions={
        <button className="c-btn" type="button" disabled={!v || busy} onClick={() => setForm({ kind: "add-village" })}>
          Thêm thôn
        </button>
      }
    >
      <p className="lead">Danh sách thôn, trưởng thôn, tình nguyện viên và cán bộ của xã. Sửa ở đây là có hiệu lực ngay: khung chat Zalo và ứng dụng “Gia đình số” dùng danh sách mới.</p>
      {!v && (d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />)}
      {problem && (
        <div role="alert">
          <Banner kind="bad">
            <p>{problem}</p>
          </Banner>
        </div>
      )}
      {code && <CodeCard code={code} onClose={() => setCode(null)} />}
      {form && v && (
        <EditForm
          key={`${form.kind}:${"village" in form ? form.village.id : form.kind === "volunteer" ? (form.person?.key ?? "new") : ""}`}
          form={form}
          view={v}
          busy={busy}
          onCancel={() => setForm(null)}
          onSave={save}
        />
      )}
      {v && (
        <>
          <section className="c-card" aria-labelledby="cm-villages">
            <h2 id="cm-villages">Thôn ({v.villages.length})</h2>
            <div className="c-table-wrap" tabIndex={0} role="region" aria-label="Bảng các thôn">
              <table className="c-table cm-table" data-testid="commune-villages">
                <caption className="sr-only">Các thôn: tên, số hộ, trưởng thôn, liên kết Zalo, nhóm Zalo</caption>
                <thead>
                  <tr>
                    <th scope="col">Thôn</th>
                    <th scope="col">Số hộ</th>
                    <th scope="col">Trưởng thôn</th>
                    <th scope="col">Zalo của trưởng thôn</th>
                    <th scope="col">Nhóm Zalo</th>
                    <th scope="col">
                      <span className="sr-only">Thao tác</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {v.villages.map((x) => (
                    <tr key={x.id} data-village={x.id}>
                      <th scope="row">
                        {x.name}
                        <span className="cm-sub">{x.kind}</span>
                      </th>
                      <td data-label="Số hộ">
                        {x.households ?? "chưa có"}
                        <span className="cm-sub">{`đã đăng ký: ${x.registered}`}</span>
                      </td>
                      <td data-testid="village-head" data-label="Trưởng thôn">
                        {named(x.head)}
                      </td>
                      <td data-label="Zalo">{linked(x.head)}</td>
                      <td data-label="Nhóm Zalo">{x.groups.length === 0 ? "Chưa có" : x.groups.map((g) => g.name).join(", ")}</td>
                      <td>
                        <div className="cm-actions">
                          <button className="c-btn secondary small" type="button" disabled={busy} onClick={() => setForm({ kind: "village", village: x })} aria-label={`Sửa ${x.name}`}>
                            Sửa
                          </button>
                          <button className="c-btn secondary small" type="button" disabled={busy} onClick={() => setForm({ kind: "head", village: x })} aria-label={`Thay trưởng ${x.kind} ${x.name}`}>
                            Thay trưởng thôn
                          </button>
                          <button className="c-btn secondary small" type="button" disabled={busy} onClick={() => setForm({ kind: "groups", village: x })} aria-label={`Nhóm Zalo của ${x.name}`}>
                            Nhóm Zalo
                          </button>
                          {codeButton(x.head)}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section className="c-card" aria-labelledby="cm-volunteers">
            <div className="toolbar">
              <h2 id="cm-volunteers">Tình nguyện viên ({v.volunteers.length})</h2>
              <button className="c-btn secondary" type="button" disabled={busy} onClick={() => setForm({ kind: "volunteer" })}>
                Thêm tình nguyện viên
              </button>
            </div>
            {v.volunteers.length === 0 ? (
              <p className="empty">Chưa có tình nguyện viên nào.</p>
            ) : (
              <div className="c-table-wrap" tabIndex={0} role="region" aria-label="Bảng tình nguyện viên">
                <table className="c-table cm-table" data-testid="commune-volunteers">
                  <caption className="sr-only">Tình nguyện viên: tên, thôn phụ trách, liên kết Zalo</caption>
                  <thead>
                    <tr>
                      <th scope="col">Họ tên</th>
                      <th scope="col">Thôn phụ trách</th>
                      <th scope="col">Zalo</th>
                      <th scope="col">
                        <span className="sr-only">Thao tác</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {v.volunteers.map((p) => (
                      <tr key={p.key}>
                        <th scope="row">{named(p)}</th>
                        <td data-label="Thôn phụ trách">{p.villageIds.map(villageName).join(", ") || "Chưa chọn thôn"}</td>
                        <td data-label="Zalo">{linked(p)}</td>
                        <td>
                          <div className="cm-actions">
                            <button className="c-btn secondary small" type="button" disabled={busy} onClick={() => setForm({ kind: "volunteer", person: p })} aria-label={`Sửa ${p.name}`}>
                              Sửa
                            </button>
                            {codeButton(p)}
                            {removeButton(`Bỏ ${p.name} khỏi danh sách`, `Bỏ ${p.name} khỏi danh sách tình nguyện viên?`, { op: "volunteer.remove", key: p.key })}
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section className="c-card" aria-labelledby="cm-officers">
            <div className="toolbar">
              <h2 id="cm-officers">Cán bộ xã ({v.officers.length})</h2>
              <button className="c-btn secondary" type="button" disabled={busy} onClick={() => setForm({ kind: "officer" })}>
                Thêm cán bộ
              </button>
            </div>
            <div className="c-table-wrap" tabIndex={0} role="region" aria-label="Bảng cán bộ">
              <table className="c-table cm-table" data-testid="commune-officers">
                <caption className="sr-only">Cán bộ: tên, chức vụ, quyền, liên kết Zalo</caption>
                <thead>
                  <tr>
                    <th scope="col">Họ tên</th>
                    <th scope="col">Chức vụ</th>
                    <th scope="col">Quyền</th>
                    <th scope="col">Zalo</th>
                    <th scope="col">
                      <span className="sr-only">Thao tác</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {v.officers.map((p) => (
                    <tr key={p.key}>
                      <th scope="row">{named(p)}</th>
                      <td data-label="Chức vụ">{p.title ?? ""}</td>
                      <td data-label="Quyền">
                        <label className="inline-field">
                          <span className="sr-only">{`Quyền của ${p.name}`}</span>
                          <select
                            value={p.officerRole ?? "officer"}
                            disabled={busy}
                            onChange={(e) => void save({ op: "officer.update", key: p.key, role: e.target.value as "officer" | "admin" }, "Đã lưu:")}
                          >
                            <option value="officer">Cán bộ</option>
                            <option value="admin">Quản trị viên</option>
                          </select>
                        </label>
                      </td>
                      <td data-label="Zalo">{linked(p)}</td>
                      <td>
                        <div className="cm-actions">
                          {codeButton(p)}
                          {removeButton(`Bỏ ${p.name} khỏi danh sách cán bộ`, `Bỏ ${p.name} khỏi danh sách cán bộ? Người này mất quyền cán bộ ngay.`, { op: "officer.remove", key: p.key })}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </PageFrame>
  );
}

/** Brings a card that opens at the top of the page into view, its heading focused (the button may be far below). */
function useShown<T extends HTMLElement>(dep: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "start" });
    ref.current?.focus({ preventScroll: true });
  }, [dep]);
  return ref;
}

function CodeCard({ code, onClose }: { code: StaffLinkCodeResponse; onClose: () => void }) {
  const heading = useShown<HTMLHeadingElement>(code.code);
  return (
    <section className="c-card cm-code" aria-labelledby="cm-code-title" role="status" data-testid="link-code">
      <h2 id="cm-code-title" tabIndex={-1} ref={heading}>{`Mã liên kết Zalo cho ${code.name}`}</h2>
      <p className="cm-code-digits" aria-label={`Mã: ${code.code.split("").join(" ")}`}>
        {code.code}
      </p>
      <ol>
        {code.instructions.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
      <LinkCodeQr code={code.code} name={code.name} />
      <p className="muted">{`Mã hết hạn lúc ${at(code.expiresAt)}.`}</p>
      <button className="c-btn secondary" type="button" onClick={onClose}>
        Đóng
      </button>
    </section>
  );
}

function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <label className="c-field">
      <span>{label}</span>
      {children}
      {hint && <small className="muted">{hint}</small>}
    </label>
  );
}

function EditForm({ form, view, busy, onCancel, onSave }: { form: Form; view: CommuneView; busy: boolean; onCancel: () => void; onSave: (e: CommuneEditInput, done: string) => Promise<boolean> }) {
  const v = "village" in form ? form.village : undefined;
  const person = form.kind === "volunteer" ? form.person : undefined;
  const [name, setName] = useState(form.kind === "village" ? v!.name : person?.name ?? "");
  const [kind, setKind] = useState<string>(v?.kind ?? "thôn");
  const [households, setHouseholds] = useState(v?.households === null || v?.households === undefined ? "" : String(v.households));
  const [headName, setHeadName] = useState("");
  const [phone, setPhone] = useState(person?.phone ?? "");
  const [role, setRole] = useState<"officer" | "admin">("officer");
  const [title, setTitle] = useState("");
  const [villageIds, setVillageIds] = useState<string[]>(person?.villageIds ?? []);
  const [groups, setGroups] = useState(v?.groups.map((g) => ({ ...g, cluster: g.cluster ?? "" })) ?? []);
  const count = households.trim() === "" ? undefined : Number(households);
  const headingRef = useShown<HTMLHeadingElement>(form);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    switch (form.kind) {
      case "village":
        void onSave({ op: "village.update", villageId: v!.id, name, kind: kind as Village["kind"], households: count ?? null }, "Đã lưu:");
        return;
      case "head":
        void onSave({ op: "village.head", villageId: v!.id, head: { name: headName, phone } }, "Đã lưu:");
        return;
      case "groups":
        void onSave({ op: "village.groups", villageId: v!.id, groups: groups.map((g) => ({ groupId: g.groupId, name: g.name, managedByOa: g.managedByOa, ...(g.cluster ? { cluster: g.cluster } : {}) })) }, "Đã lưu:");
        return;
      case "add-village":
        void onSave({ op: "village.add", village: { name, kind: kind as Village["kind"], ...(count !== undefined ? { households: count } : {}), head: { name: headName, phone } } }, "Đã thêm:");
        return;
      case "volunteer":
        if (person) void onSave({ op: "volunteer.update", key: person.key, name, phone, villageIds }, "Đã lưu:");
        else void onSave({ op: "volunteer.add", volunteer: { name, phone, villageIds } }, "Đã thêm:");
        return;
      case "officer":
        void onSave({ op: "officer.add", officer: { name, phone, role, ...(title ? { title } : {}) } }, "Đã thêm:");
        return;
    }
  };
  const heading =
    form.kind === "village"
      ? `Sửa ${v!.name}`
      : form.kind === "head"
        ? `Thay trưởng ${v!.kind} ${v!.name}`
        : form.kind === "groups"
          ? `Nhóm Zalo của ${v!.name}`
          : form.kind === "add-village"
            ? "Thêm thôn"
            : form.kind === "volunteer"
              ? person
                ? `Sửa ${person.name}`
                : "Thêm tình nguyện viên"
              : "Thêm cán bộ";
  const kindSelect = (
    <Field label="Loại">
      <select value={kind} onChange={(e) => setKind(e.target.value)}>
        {VILLAGE_KINDS.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
    </Field>
  );
  return (
    <section className="c-card cm-form" aria-labelledby="cm-form-title">
      <h2 id="cm-form-title" tabIndex={-1} ref={headingRef}>
        {heading}
      </h2>
      <form onSubmit={submit}>
        {(form.kind === "village" || form.kind === "add-village") && (
          <div className="cm-grid">
            <Field label="Tên thôn (như người dân vẫn gọi)">
              <input type="text" required value={name} onChange={(e) => setName(e.target.value)} />
            </Field>
            {kindSelect}
            <Field label="Số hộ theo danh sách của thôn">
              <input type="number" min={0} inputMode="numeric" value={households} onChange={(e) => setHouseholds(e.target.value)} />
            </Field>
          </div>
        )}
        {(form.kind === "head" || form.kind === "add-village") && (
          <>
            {form.kind === "head" && <p>{`Trưởng ${v!.kind} hiện nay: ${v!.head.name}. Khi lưu, người này mất quyền trưởng thôn ngay; người mới có quyền sau khi liên kết Zalo bằng mã.`}</p>}
            <div className="cm-grid">
              <Field label={form.kind === "head" ? "Họ tên trưởng thôn mới" : "Họ tên trưởng thôn"}>
                <input type="text" required value={headName} onChange={(e) => setHeadName(e.target.value)} />
              </Field>
              <Field label="Số điện thoại (không bắt buộc)">
                <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
              </Field>
            </div>
          </>
        )}
        {(form.kind === "volunteer" || form.kind === "officer") && (
          <div className="cm-grid">
            <Field label="Họ tên">
              <input type="text" required value={name} onChange={(e) => setName(e.target.value)} />
            </Field>
            <Field label="Số điện thoại (không bắt buộc)">
              <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
            </Field>
            {form.kind === "officer" && (
              <>
                <Field label="Chức vụ (không bắt buộc)">
                  <input type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
                </Field>
                <Field label="Quyền">
                  <select value={role} onChange={(e) => setRole(e.target.value as "officer" | "admin")}>
                    <option value="officer">Cán bộ</option>
                    <option value="admin">Quản trị viên</option>
                  </select>
                </Field>
              </>
            )}
          </div>
        )}
        {form.kind === "volunteer" && (
          <fieldset className="cm-villages">
            <legend>Thôn phụ trách</legend>
            {view.villages.map((x) => (
              <label key={x.id} className="cm-check">
                <input
                  type="checkbox"
                  checked={villageIds.includes(x.id)}
                  onChange={(e) => setVillageIds(e.target.checked ? [...villageIds, x.id] : villageIds.filter((id) => id !== x.id))}
                />
                {x.name}
              </label>
            ))}
          </fieldset>
        )}
        {form.kind === "groups" && (
          <fieldset className="cm-groups">
            <legend>Nhóm Zalo của thôn</legend>
            {groups.length === 0 && <p className="empty">Thôn chưa có nhóm Zalo nào.</p>}
            {groups.map((g, i) => (
              <div className="cm-grid" key={i}>
                <Field label="Tên nhóm">
                  <input type="text" required value={g.name} onChange={(e) => setGroups(groups.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
                </Field>
                <Field label="Mã nhóm (trong Zalo)">
                  <input type="text" required value={g.groupId} onChange={(e) => setGroups(groups.map((x, j) => (j === i ? { ...x, groupId: e.target.value } : x)))} />
                </Field>
                <label className="cm-check">
                  <input type="checkbox" checked={g.managedByOa} onChange={(e) => setGroups(groups.map((x, j) => (j === i ? { ...x, managedByOa: e.target.checked } : x)))} />
                  Nhóm do trang Zalo của xã tạo (gửi tin trực tiếp được)
                </label>
                <button className="c-btn secondary danger small" type="button" onClick={() => setGroups(groups.filter((_, j) => j !== i))} aria-label={`Bỏ nhóm ${g.name || i + 1}`}>
                  Bỏ nhóm
                </button>
              </div>
            ))}
            <button className="c-btn secondary small" type="button" onClick={() => setGroups([...groups, { groupId: "", name: "", cluster: "", managedByOa: true }])}>
              Thêm nhóm
            </button>
          </fieldset>
        )}
        <div className="cm-actions">
          <button className="c-btn" type="submit" disabled={busy}>
            {busy ? "Đang lưu…" : "Lưu"}
          </button>
          <button className="c-btn ghost" type="button" onClick={onCancel}>
            Huỷ
          </button>
          {form.kind === "village" && (
            <button
              className="c-btn secondary danger"
              type="button"
              disabled={busy}
              onClick={() => {
                if (confirm(`Bỏ ${v!.name} khỏi danh sách thôn?`)) void onSave({ op: "village.remove", villageId: v!.id }, "Đã lưu:");
              }}
            >
              Bỏ thôn này
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

const SECTION: Record<string, string> = {
  seed: "Dữ liệu ban đầu",
  villages: "Thôn",
  officers: "Cán bộ",
  volunteers: "Tình nguyện viên",
  identity: "Liên kết Zalo",
  import: "Nhập tệp",
  file: "Tệp cấu hình",
};

/** "Lịch sử thay đổi" (admin): who changed what in the villages and people, when, before → after in words. */
export function CommuneHistoryPage() {
  const s = useServices();
  const api = communeEndpoints(s.api);
  const d = useData<CommuneHistory>("commune:history", api.history, 30_000);
  const items = d.data?.items ?? [];
  return (
    <PageFrame title="Lịch sử thay đổi">
      <p className="lead">Mỗi lần sửa danh sách thôn, trưởng thôn, tình nguyện viên, cán bộ: ai sửa, lúc nào, thay đổi gì. Giữ 200 lần gần nhất, tối đa một năm.</p>
      {!d.data && (d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />)}
      {items.length > 0 && (
        <div className="c-table-wrap" tabIndex={0} role="region" aria-label="Bảng lịch sử thay đổi">
          <table className="c-table cm-table" data-testid="commune-history">
            <caption className="sr-only">Lịch sử thay đổi dữ liệu xã, mới nhất trước</caption>
            <thead>
              <tr>
                <th scope="col">Lúc</th>
                <th scope="col">Người sửa</th>
                <th scope="col">Phần</th>
                <th scope="col">Thay đổi</th>
              </tr>
            </thead>
            <tbody>
              {items.map((h) => (
                <tr key={h.version}>
                  <td>{at(h.at)}</td>
                  <td>{h.actor === "seed" ? "Tệp ban đầu của xã" : h.actor.replace(/\s*\(\d+\)$/, "")}</td>
                  <td>{SECTION[h.section] ?? h.section}</td>
                  <td>
                    <ul className="cm-changes">
                      {(h.changes.length > 0 ? h.changes : [h.summary]).map((c, i) => (
                        <li key={i}>{c}</li>
                      ))}
                    </ul>
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

/** "Xuất / nhập dữ liệu xã" (admin): the commune file to keep or move, and an import with a preview of what changes. */
export function CommuneTransferPage() {
  const s = useServices();
  const toast = useToast();
  const api = communeEndpoints(s.api);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState<{ doc: unknown; fileName: string; preview: CommuneImportResponse } | null>(null);
  const [done, setDone] = useState<CommuneImportResponse | null>(null);

  const download = async () => {
    setBusy(true);
    setProblem(null);
    try {
      toast(`Đã tải ${await api.exportFile()}.`);
    } catch (err) {
      setProblem(err instanceof Error ? err.message : "Chưa tải được tệp.");
    } finally {
      setBusy(false);
    }
  };
  const choose = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    setDone(null);
    setPending(null);
    try {
      let doc: unknown;
      try {
        doc = JSON.parse(await file.text());
      } catch {
        throw new Error("Tệp này không phải tệp dữ liệu xã (không đọc được nội dung).");
      }
      setPending({ doc, fileName: file.name, preview: await api.importFile(doc, false) });
    } catch (err) {
      setProblem(err instanceof Error ? err.message : "Chưa đọc được tệp.");
    } finally {
      setBusy(false);
    }
  };
  const apply = async () => {
    if (!pending) return;
    setBusy(true);
    setProblem(null);
    try {
      const r = await api.importFile(pending.doc, true, pending.preview.version);
      setDone(r);
      setPending(null);
      toast("Đã nhập dữ liệu xã.");
    } catch (err) {
      setProblem(errText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <PageFrame title="Xuất / nhập dữ liệu xã">
      <section className="c-card" aria-labelledby="cm-export">
        <h2 id="cm-export">Tải tệp dữ liệu xã</h2>
        <p>Tệp gồm danh sách thôn, trưởng thôn, tình nguyện viên, cán bộ, lịch tổ lưu động và cài đặt của xã. Dùng để lưu giữ, hoặc để chuyển sang máy chủ mới.</p>
        <button className="c-btn" type="button" disabled={busy} onClick={() => void download()} data-testid="commune-export">
          Tải tệp dữ liệu xã
        </button>
      </section>
      <section className="c-card" aria-labelledby="cm-import">
        <h2 id="cm-import">Nhập tệp dữ liệu xã</h2>
        <p>Chọn tệp đã tải trước đây. Trang sẽ cho xem những gì thay đổi trước; chỉ khi bác bấm “Nhập dữ liệu này” thì dữ liệu mới thay cho dữ liệu hiện nay.</p>
        <label className="c-btn secondary cm-file">
          Chọn tệp dữ liệu xã (.json)…
          <input type="file" accept=".json,application/json" disabled={busy} onChange={(e) => void choose(e.target.files?.[0])} data-testid="commune-import-file" />
        </label>
        {problem && (
          <div role="alert">
            <Banner kind="bad">
              <p>{problem}</p>
            </Banner>
          </div>
        )}
        {pending && (
          <div className="cm-preview" data-testid="commune-import-preview">
            <h3>{`Nếu nhập tệp ${pending.fileName}:`}</h3>
            {pending.preview.changes.length === 0 ? (
              <p>Danh sách thôn và người phụ trách không thay đổi.</p>
            ) : (
              <ul className="cm-changes">
                {pending.preview.changes.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ul>
            )}
            <p>{`Lịch tổ lưu động trong tệp: ${pending.preview.sessions} buổi (thay cho lịch hiện nay).`}</p>
            <div className="cm-actions">
              <button className="c-btn" type="button" disabled={busy} onClick={() => void apply()}>
                Nhập dữ liệu này
              </button>
              <button className="c-btn ghost" type="button" onClick={() => setPending(null)}>
                Huỷ
              </button>
            </div>
          </div>
        )}
        {done && (
          <Banner kind="ok">
            <p>{`Đã nhập: ${done.changes.length} thay đổi, ${done.sessions} buổi tổ lưu động.`}</p>
          </Banner>
        )}
      </section>
    </PageFrame>
  );
}
