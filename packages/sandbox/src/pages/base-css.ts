/**
 * The hosted pages' stylesheet; every colour comes from a `--dots-*` custom property, except
 * the error colour `--dotskit-errorColor` (Dots' style variables have none), defined here
 * per theme with at least 4.5:1 contrast on the default backgrounds.
 */
export const BASE_CSS = `
:root{--dotskit-errorColor:#b91c1c}
html[data-theme=dark]{--dotskit-errorColor:#fca5a5}
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--dots-backgroundColor);color:var(--dots-primaryTextColor)}
main{max-width:32rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.375rem;margin:0 0 .25rem}
h1:focus{outline:none}
h1:focus-visible{outline:3px solid var(--dots-primaryColor);outline-offset:4px}
.lead{color:var(--dots-secondaryTextColor);margin:0 0 1.25rem}
.progress{color:var(--dots-tertiaryTextColor);font-size:.875rem;margin:0 0 .5rem}
.field{margin:0 0 1rem;border:0;padding:0}
label,legend{display:block;font-weight:600;margin-bottom:.25rem;color:var(--dots-secondaryTextColor)}
label.choice{display:flex;align-items:center;gap:.5rem;font-weight:400;padding:.5rem .75rem;margin:.25rem 0;border:1px solid var(--dots-tabBorderColor);background:var(--dots-tabBackgroundColor);border-radius:var(--dots-borderRadius);cursor:pointer}
label.choice:hover{background:var(--dots-tabHoverBackgroundColor);border-color:var(--dots-tabHoverBorderColor)}
.hint{margin:0 0 .25rem;font-size:.875rem;color:var(--dots-tertiaryTextColor)}
input[type=text],input[type=email],input[type=tel],input[type=date]{width:100%;padding:.625rem .75rem;font:inherit;color:var(--dots-primaryTextColor);background:var(--dots-inputBackgroundColor);border:1px solid var(--dots-inputBorderColor);border-radius:var(--dots-borderRadius)}
input::placeholder{color:var(--dots-inputPlaceholderColor)}
input[aria-invalid=true],fieldset[aria-invalid=true] label.choice{border-color:var(--dotskit-errorColor)}
.error{margin:.25rem 0 0;color:var(--dotskit-errorColor);font-size:.875rem}
.alert{padding:.75rem;margin:0 0 1rem;border:1px solid var(--dotskit-errorColor);border-radius:var(--dots-borderRadius);color:var(--dotskit-errorColor)}
button,.button{display:inline-block;padding:.7rem 1.25rem;font:inherit;font-weight:600;text-decoration:none;color:var(--dots-buttonTextColor);background:var(--dots-buttonBackgroundColor);border:0;border-radius:var(--dots-borderRadius);cursor:pointer}
button:hover,.button:hover{color:var(--dots-buttonHoverTextColor);background:var(--dots-buttonHoverBackgroundColor)}
button:disabled{color:var(--dots-buttonDisabledTextColor);background:var(--dots-buttonDisabledBackgroundColor);cursor:progress}
:focus-visible{outline:3px solid var(--dots-primaryColor);outline-offset:2px}
.amount{font-size:2rem;font-weight:700;margin:.25rem 0 1rem}
.sandbox-badge{font-size:.75rem;color:var(--dots-tertiaryTextColor);text-align:center;margin-top:2rem}
[hidden]{display:none!important}
`;
