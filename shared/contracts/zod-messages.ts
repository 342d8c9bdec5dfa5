/**
 * Plain-Vietnamese messages for zod's generic checks, for everything a person reads after a request
 * is refused ("còn thiếu", "phải là một số"), instead of zod's English ("Invalid input: expected
 * string, received undefined") or its literal Vietnamese translation ("mong đợi string").
 *
 * A message written on a schema itself ("Tên tệp phải có dạng 2026-W29.xlsx") still wins: zod
 * uses a schema's own message first and this map only where a schema says nothing.
 *
 * Not exported from the contracts index on purpose: the mini app does not need it in its bundle.
 */
import { z } from "zod";

type Issue = z.core.$ZodRawIssue;

const KIND: Record<string, string> = {
  string: "phải là chữ",
  number: "phải là một số",
  int: "phải là một số nguyên",
  bigint: "phải là một số nguyên",
  boolean: "phải là có hoặc không (true/false)",
  array: "phải là một danh sách",
  object: "phải là một nhóm thông tin",
  date: "phải là một ngày",
};

function bound(issue: Issue & { origin?: string }, n: number | bigint, big: boolean): string {
  const limit = n.toString();
  switch (issue.origin) {
    case "string":
      if (!big && Number(n) === 1) return "không được để trống";
      return big ? `dài quá: tối đa ${limit} ký tự` : `ngắn quá: ít nhất ${limit} ký tự`;
    case "array":
    case "set":
      return big ? `nhiều quá: tối đa ${limit} mục` : `cần ít nhất ${limit} mục`;
    default:
      return big ? `lớn quá: tối đa ${limit}` : `nhỏ quá: ít nhất ${limit}`;
  }
}

export function vietnameseIssueMessage(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "còn thiếu";
      return KIND[issue.expected] ?? "không đúng kiểu";
    case "invalid_value":
      return "không phải một lựa chọn có trong danh sách";
    case "too_big":
      return bound(issue, issue.maximum, true);
    case "too_small":
      return bound(issue, issue.minimum, false);
    case "invalid_format":
      return "không đúng dạng";
    case "not_multiple_of":
      return "không đúng bước giá trị";
    case "unrecognized_keys":
      return `có mục không được phép: ${issue.keys.join(", ")}`;
    case "invalid_union":
      return "không đúng dạng nào được chấp nhận";
    default:
      return "không hợp lệ";
  }
}

let installed = false;
/** Makes these messages zod's default for the whole process (idempotent). */
export function useVietnameseValidationMessages(): void {
  if (installed) return;
  installed = true;
  z.config({ customError: vietnameseIssueMessage });
}
