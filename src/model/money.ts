const supported = new Set(Intl.supportedValuesOf("currency"));

/** ISO 4217 codes known to this runtime's ICU data (USD, EUR, JPY, …). */
export function isCurrency(code: string): boolean {
  return supported.has(code);
}

const digitsByCurrency = new Map<string, number>();

/** Digits after the decimal point of a currency: 2 for USD, 0 for JPY, 3 for KWD. */
export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    // Building an Intl.NumberFormat costs tens of microseconds: once per currency, not per amount.
    digits =
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
      2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** 1234.5 USD → 123450 minor units; rounds half away from zero. */
export function toMinor(amount: number, currency: string): number {
  const factor = 10 ** minorDigits(currency);
  return Math.sign(amount) * Math.round(Math.abs(amount) * factor);
}

export function fromMinor(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

export function formatMoney(minor: number, currency: string, locale = "en"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(fromMinor(minor, currency));
}
