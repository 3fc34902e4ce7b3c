/**
 * True when a string of digits passes the Luhn checksum used by payment card numbers.
 * Rejects strings of one repeated digit, which pass Luhn but are never real cards.
 */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits) || /^(\d)\1*$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index -= 1) {
    let digit = digits.charCodeAt(index) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * True when a compact, upper-case IBAN passes the ISO 13616 mod-97 check: move the first four
 * characters to the end, turn letters into numbers (A=10 ... Z=35), and the result mod 97 is 1.
 */
export function passesIbanChecksum(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    const value = Number.parseInt(character, 36);
    // Letters become two digits, so fold them in one digit at a time to stay in safe integers.
    for (const digit of String(value)) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}
