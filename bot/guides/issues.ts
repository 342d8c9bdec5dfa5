/**
 * The guide schema's problems (shared/guides/schema.ts, written for developers in English) said in
 * Vietnamese for the officer, next to the field: "Bước 3: chưa có nội dung."
 */
import type { z } from "zod";
import type { FieldIssue } from "../../shared/contracts/guides";

type Issue = z.core.$ZodIssue;

const n = (v: unknown) => (typeof v === "number" ? v + 1 : Number(v) + 1);

function where(path: readonly PropertyKey[]): string {
  const [a, b, c, d] = path;
  switch (a) {
    case "title":
      return "Tiêu đề";
    case "shortTitle":
      return "Tiêu đề ngắn";
    case "summary":
      return "Phần giới thiệu";
    case "phrasings":
      return b === undefined ? "Câu hỏi mẫu" : `Câu hỏi mẫu ${n(b)}`;
    case "keywords":
      return b === undefined ? "Từ khoá" : `Từ khoá ${n(b)}`;
    case "sources":
      return b === undefined ? "Nguồn" : `Nguồn ${n(b)}`;
    case "verify":
      return "Điều cần kiểm tra";
    case "steps": {
      if (b === undefined) return "Các bước";
      const step = `Bước ${n(b)}`;
      if (c === "link") return `${step}, nút ${d === "url" ? "(đường dẫn)" : "(tên nút)"}`;
      if (c === "image") return `${step}, hình ${d === "alt" ? "(mô tả)" : "(đường dẫn)"}`;
      if (c === "note") return `${step}, ghi chú cần kiểm tra`;
      return step;
    }
    default:
      return "Hướng dẫn";
  }
}

function limits(i: Issue): { min?: number; max?: number } {
  const r = i as unknown as { minimum?: number | bigint; maximum?: number | bigint };
  return { ...(r.minimum !== undefined ? { min: Number(r.minimum) } : {}), ...(r.maximum !== undefined ? { max: Number(r.maximum) } : {}) };
}

/** One schema issue in Vietnamese, with its path ("steps.2.text"). */
export function issueVi(i: Issue): FieldIssue {
  const path = i.path.map(String).join(".");
  const at = where(i.path);
  const isList = i.path.length === 1 && ["phrasings", "steps", "sources", "keywords"].includes(String(i.path[0]));
  const { min, max } = limits(i);
  let message: string;
  if (i.code === "too_small") {
    if (i.path[0] === "phrasings" && isList) message = `Cần ít nhất ${min ?? 6} câu hỏi mẫu (cách người dân hay hỏi), mỗi câu một dòng.`;
    else if (i.path[0] === "steps" && isList) message = "Cần ít nhất một bước.";
    else if (i.path.length >= 3 && i.path[0] === "steps" && i.path[2] === "text") message = `${at}: chưa có nội dung.`;
    else message = `${at}: cần ít nhất ${min} ký tự.`;
  } else if (i.code === "too_big") {
    message = isList ? `${at}: nhiều nhất ${max}.` : `${at}: dài quá ${max} ký tự.`;
  } else if (i.code === "invalid_type") {
    message = `${at}: chưa điền.`;
  } else if (i.code === "unrecognized_keys") {
    message = `${at}: có mục không dùng được (${i.keys.join(", ")}).`;
  } else if (i.code === "invalid_format" && i.path[0] === "id") {
    message = "Mã hướng dẫn chỉ gồm chữ thường không dấu, số và dấu gạch ngang.";
  } else {
    const m = i.message;
    const unknown = /unknown placeholder \{\{(.*)\}\}/.exec(m);
    if (unknown) message = `${at}: không có chỗ điền {{${unknown[1]}}} (xem danh sách chỗ điền bên dưới).`;
    else if (/malformed placeholder/.test(m)) message = `${at}: chỗ điền thiếu dấu ngoặc (phải viết {{tên}}).`;
    else if (/http\(s\) URL|placeholder\}?$/.test(m) || /must be an http/.test(m)) message = `${at}: phải là một đường dẫn bắt đầu bằng https:// (hoặc một chỗ điền như {{miniApp.url}}).`;
    else if (/source must be/.test(m)) message = `${at}: phải là một đường dẫn bắt đầu bằng https://.`;
    else if (/unconfirmed guide needs/.test(m)) message = "Hướng dẫn chưa xác nhận: ghi rõ điều xã cần kiểm tra trên điện thoại thật.";
    else if (/unconfirmed step needs/.test(m)) message = `Bước ${n(i.path[1])} chưa chắc chắn: ghi rõ điều cần kiểm tra.`;
    else if (/kebab-case/.test(m)) message = "Mã hướng dẫn chỉ gồm chữ thường không dấu, số và dấu gạch ngang.";
    else message = `${at}: chưa hợp lệ.`;
  }
  return { path, message };
}

/** A rendering problem (a placeholder the commune has no value for, a step too long once filled). */
export function renderIssueVi(err: Error): FieldIssue {
  const m = err.message;
  const step = /step (\d+)/.exec(m);
  const path = step ? `steps.${Number(step[1]) - 1}.text` : "";
  const at = step ? `Bước ${step[1]}` : "Hướng dẫn";
  const key = /\{\{([^}]*)\}\}/.exec(m)?.[1];
  if (/characters after filling/.test(m)) return { path, message: `${at}: sau khi điền tên xã, tên ứng dụng… nội dung dài quá 2000 ký tự.` };
  if (key && /has no value|no usable value/.test(m)) return { path, message: `${at}: chỗ điền {{${key}}} chưa có giá trị trong thông tin của xã.` };
  if (key && /unknown placeholder/.test(m)) return { path, message: `${at}: không có chỗ điền {{${key}}}.` };
  if (/is not an http/.test(m)) return { path, message: `${at}: đường dẫn sau khi điền không phải https://.` };
  return { path, message: `${at}: không hiển thị được (${m.slice(0, 120)}).` };
}
