/**
 * Day and time pickers in the commune's words, whatever the PC's language: a browser in English shows
 * <input type="time"> as "02:00 PM" and dates as 12/04/2026, which an officer misreads. Times are
 * "HH:MM" (24 h); days are the next weeks' dates as "Thứ Sáu 4/12".
 */
const pad = (n: number) => String(n).padStart(2, "0");
const DAY_NAMES = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
const VN = 7 * 3600_000;

/** "HH:MM" as two selects (hour 0-23, minute in 5s, plus the current minute if it is not one). */
export function TimePicker({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  const [h = "14", m = "00"] = value.split(":");
  const minutes = [...new Set([...Array.from({ length: 12 }, (_, i) => pad(i * 5)), m])].sort();
  return (
    <fieldset className="bc-time-pick">
      <legend>{label}</legend>
      <select aria-label="Giờ" value={h} onChange={(e) => onChange(`${e.target.value}:${m}`)}>
          {Array.from({ length: 24 }, (_, i) => pad(i)).map((x) => (
            <option key={x} value={x}>
              {`${x} giờ`}
            </option>
          ))}
      </select>
      <select aria-label="Phút" value={m} onChange={(e) => onChange(`${h}:${e.target.value}`)}>
          {minutes.map((x) => (
            <option key={x} value={x}>
              {`${x} phút`}
            </option>
          ))}
      </select>
    </fieldset>
  );
}

/** The Vietnam calendar date ("2026-12-04") of an instant. */
export function vnDate(ms: number): string {
  return new Date(ms + VN).toISOString().slice(0, 10);
}

/** "2026-12-04" + "14:00" in Vietnam's time, as epoch ms. */
export function vnEpoch(date: string, time: string): number {
  const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
  const [h, mi] = time.split(":").map(Number) as [number, number];
  return Date.UTC(y, mo - 1, d, h - 7, mi);
}

/** A day in the next `days` days (Vietnam's calendar), then a time: together one minute to send at. */
export function DayTimePicker({ date, time, onChange, now, days = 60, fieldClass = "c-field" }: { date: string; time: string; onChange: (date: string, time: string) => void; now: number; days?: number; fieldClass?: string }) {
  const today = vnDate(now);
  const options = Array.from({ length: days }, (_, i) => {
    const iso = vnDate(now + i * 24 * 3600_000);
    const [, mo, d] = iso.split("-").map(Number) as [number, number, number];
    const wd = DAY_NAMES[new Date(`${iso}T00:00:00Z`).getUTCDay()]!;
    return { iso, label: `${i === 0 ? "Hôm nay, " : i === 1 ? "Ngày mai, " : ""}${wd} ${d}/${mo}` };
  });
  return (
    <div className="bc-weekly">
      <label className={fieldClass}>
        <span>Ngày gửi</span>
        <select value={date || today} onChange={(e) => onChange(e.target.value, time)}>
          {options.map((o) => (
            <option key={o.iso} value={o.iso}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <TimePicker label="Giờ gửi (giờ Việt Nam)" value={time} onChange={(t) => onChange(date || today, t)} />
    </div>
  );
}
