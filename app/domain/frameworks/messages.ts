// Plain-English and Welsh copy for every framework reason and field error. Field messages follow
// the GOV.UK Design System error-message pattern (say what happened and how to fix it; the same
// words in the error summary and next to the field).
//
// WELSH: machine-assisted draft, NOT yet reviewed by a Welsh-language translator. Have it
// checked before a Welsh council goes live (see ../shared/reference/uk-standards.md).
import type { FieldErrorCode, FrameworkReason } from "~/domain/frameworks/framework.ts";
import { FRAMEWORK_LIMITS } from "~/domain/frameworks/framework.ts";
import { format, type Locale } from "~/domain/i18n/locale.ts";

export type FieldKind =
  | "form"
  | "name"
  | "nameCy"
  | "slug"
  | "source"
  | "sourceUrl"
  | "notes"
  | "nodes"
  | "node.slug"
  | "node.parentSlug"
  | "node.name"
  | "node.nameCy"
  | "node.description";

type FieldCopy = Record<FieldKind, Partial<Record<FieldErrorCode, string>>>;

interface Copy {
  /** Marks copy awaiting a translator's review. */
  reviewed: boolean;
  errorSummaryTitle: string;
  reasons: Record<FrameworkReason, string>;
  /** `{n}` is the outcome's number on the form (1-based). */
  fields: FieldCopy;
  /** When a field has no specific message for a code. */
  fallback: string;
  labels: {
    verified: string;
    provisional: string;
    provisionalHint: string;
    draft: string;
    published: string;
    builtin: string;
    own: string;
    inUse: string;
  };
}

const L = FRAMEWORK_LIMITS;

const en: Copy = {
  reviewed: true,
  errorSummaryTitle: "There is a problem",
  reasons: {
    invalid: "There is a problem with the framework. Check your answers and try again.",
    forbidden: "Only officers and administrators of this council can change its frameworks.",
    not_found: "We could not find that framework. It may belong to another council.",
    version_published: "This version has been published and cannot be changed. Start a new version to make changes.",
    builtin_read_only: "Built-in frameworks cannot be changed. Create your council’s own framework instead.",
    draft_exists: "This framework already has a draft version. Carry on editing the draft, or publish it first.",
    not_published: "Only a published version can be used or copied. Publish the draft first.",
    one_version_per_framework: "Choose one version of each framework.",
    different_frameworks: "You can only compare two versions of the same framework.",
  },
  fields: {
    form: { invalid: "Fill in the framework form" },
    name: {
      required: "Enter a name for the framework",
      invalid: "Enter a name for the framework",
      too_short: `Framework name must be ${L.frameworkNameMin} characters or more`,
      too_long: `Framework name must be ${L.frameworkNameMax} characters or fewer`,
      frozen: "You cannot change the name of a framework after a version has been published",
    },
    nameCy: {
      invalid: "Enter the Welsh name as text",
      too_short: `Welsh name must be ${L.frameworkNameMin} characters or more`,
      too_long: `Welsh name must be ${L.frameworkNameMax} characters or fewer`,
      frozen: "You cannot change the Welsh name of a framework after a version has been published",
    },
    slug: {
      required: "Enter an identifier, like our-council-priorities",
      invalid: "Enter an identifier, like our-council-priorities",
      invalid_slug:
        "Identifier must only include lower case letters a to z, numbers and single hyphens, like our-council-priorities",
      too_short: `Identifier must be ${L.slugMin} characters or more`,
      too_long: `Identifier must be ${L.slugMax} characters or fewer`,
      taken: "Your council or a built-in framework already uses this identifier. Enter a different one",
      frozen: "You cannot change the identifier of a framework after it has been created",
    },
    source: {
      invalid: "Enter the source as text",
      too_long: `Source must be ${L.sourceMax} characters or fewer`,
    },
    sourceUrl: {
      invalid_url: "Enter a web address in the correct format, like https://www.example.gov.uk/plan",
      too_long: `Web address must be ${L.sourceUrlMax} characters or fewer`,
    },
    notes: {
      invalid: "Enter the notes as text",
      too_long: `Notes must be ${L.notesMax} characters or fewer`,
    },
    nodes: {
      required: "Add at least one outcome",
      invalid: "Add at least one outcome",
      too_few: "Add at least one outcome",
      too_many: `A framework can have up to ${L.nodesMax} outcomes`,
    },
    "node.slug": {
      required: "Enter an identifier for outcome {n}",
      invalid: "Enter an identifier for outcome {n}",
      invalid_slug: "Identifier for outcome {n} must only include lower case letters a to z, numbers and single hyphens",
      too_short: `Identifier for outcome {n} must be ${L.slugMin} characters or more`,
      too_long: `Identifier for outcome {n} must be ${L.slugMax} characters or fewer`,
      duplicate: "Another outcome already uses the identifier of outcome {n}. Enter a different one",
    },
    "node.parentSlug": {
      invalid: "Choose where outcome {n} sits in the framework",
      parent_not_found: "Outcome {n} must sit under another outcome in this framework, or at the top level",
      parent_is_self: "Outcome {n} cannot sit under itself",
      cycle: "Outcome {n} cannot sit under one of the outcomes below it",
      too_deep: `Outcome {n} is too deep. A framework can have up to ${L.depthMax} levels`,
    },
    "node.name": {
      required: "Enter a name for outcome {n}",
      invalid: "Enter a name for outcome {n}",
      too_short: `Name of outcome {n} must be ${L.nodeNameMin} characters or more`,
      too_long: `Name of outcome {n} must be ${L.nodeNameMax} characters or fewer`,
    },
    "node.nameCy": {
      invalid: "Enter the Welsh name of outcome {n} as text",
      too_short: `Welsh name of outcome {n} must be ${L.nodeNameMin} characters or more`,
      too_long: `Welsh name of outcome {n} must be ${L.nodeNameMax} characters or fewer`,
    },
    "node.description": {
      invalid: "Enter the description of outcome {n} as text",
      too_long: `Description of outcome {n} must be ${L.descriptionMax} characters or fewer`,
    },
  },
  fallback: "Check this answer",
  labels: {
    verified: "Checked against the publisher",
    provisional: "Provisional",
    provisionalHint: "This wording has not yet been checked against the publisher’s own text.",
    draft: "Draft",
    published: "Published",
    builtin: "Built-in",
    own: "Your council’s",
    inUse: "In use",
  },
};

// Welsh draft: awaiting review (see the note at the top of this file).
const cy: Copy = {
  reviewed: false,
  errorSummaryTitle: "Mae problem wedi codi",
  reasons: {
    invalid: "Mae problem gyda’r fframwaith. Gwiriwch eich atebion a rhowch gynnig arall arni.",
    forbidden: "Dim ond swyddogion a gweinyddwyr y cyngor hwn sy’n gallu newid ei fframweithiau.",
    not_found: "Ni allem ddod o hyd i’r fframwaith hwnnw. Efallai ei fod yn perthyn i gyngor arall.",
    version_published:
      "Mae’r fersiwn hon wedi’i chyhoeddi ac ni ellir ei newid. Dechreuwch fersiwn newydd i wneud newidiadau.",
    builtin_read_only: "Ni ellir newid fframweithiau adeiledig. Crëwch fframwaith eich cyngor eich hun yn lle hynny.",
    draft_exists: "Mae gan y fframwaith hwn fersiwn ddrafft yn barod. Parhewch i olygu’r drafft, neu cyhoeddwch ef yn gyntaf.",
    not_published: "Dim ond fersiwn wedi’i chyhoeddi y gellir ei defnyddio neu ei chopïo. Cyhoeddwch y drafft yn gyntaf.",
    one_version_per_framework: "Dewiswch un fersiwn o bob fframwaith.",
    different_frameworks: "Dim ond dwy fersiwn o’r un fframwaith y gallwch eu cymharu.",
  },
  fields: {
    form: { invalid: "Llenwch ffurflen y fframwaith" },
    name: {
      required: "Rhowch enw ar gyfer y fframwaith",
      invalid: "Rhowch enw ar gyfer y fframwaith",
      too_short: `Rhaid i enw’r fframwaith fod yn ${L.frameworkNameMin} nod neu fwy`,
      too_long: `Rhaid i enw’r fframwaith fod yn ${L.frameworkNameMax} nod neu lai`,
      frozen: "Ni allwch newid enw fframwaith ar ôl i fersiwn gael ei chyhoeddi",
    },
    nameCy: {
      invalid: "Rhowch yr enw Cymraeg fel testun",
      too_short: `Rhaid i’r enw Cymraeg fod yn ${L.frameworkNameMin} nod neu fwy`,
      too_long: `Rhaid i’r enw Cymraeg fod yn ${L.frameworkNameMax} nod neu lai`,
      frozen: "Ni allwch newid enw Cymraeg fframwaith ar ôl i fersiwn gael ei chyhoeddi",
    },
    slug: {
      required: "Rhowch ddynodydd, fel blaenoriaethau-ein-cyngor",
      invalid: "Rhowch ddynodydd, fel blaenoriaethau-ein-cyngor",
      invalid_slug:
        "Rhaid i’r dynodydd gynnwys llythrennau bach a i z, rhifau a chysylltnodau sengl yn unig, fel blaenoriaethau-ein-cyngor",
      too_short: `Rhaid i’r dynodydd fod yn ${L.slugMin} nod neu fwy`,
      too_long: `Rhaid i’r dynodydd fod yn ${L.slugMax} nod neu lai`,
      taken: "Mae eich cyngor neu fframwaith adeiledig eisoes yn defnyddio’r dynodydd hwn. Rhowch un gwahanol",
      frozen: "Ni allwch newid dynodydd fframwaith ar ôl ei greu",
    },
    source: {
      invalid: "Rhowch y ffynhonnell fel testun",
      too_long: `Rhaid i’r ffynhonnell fod yn ${L.sourceMax} nod neu lai`,
    },
    sourceUrl: {
      invalid_url: "Rhowch gyfeiriad gwe yn y fformat cywir, fel https://www.example.gov.uk/cynllun",
      too_long: `Rhaid i’r cyfeiriad gwe fod yn ${L.sourceUrlMax} nod neu lai`,
    },
    notes: {
      invalid: "Rhowch y nodiadau fel testun",
      too_long: `Rhaid i’r nodiadau fod yn ${L.notesMax} nod neu lai`,
    },
    nodes: {
      required: "Ychwanegwch o leiaf un canlyniad",
      invalid: "Ychwanegwch o leiaf un canlyniad",
      too_few: "Ychwanegwch o leiaf un canlyniad",
      too_many: `Gall fframwaith gynnwys hyd at ${L.nodesMax} o ganlyniadau`,
    },
    "node.slug": {
      required: "Rhowch ddynodydd ar gyfer canlyniad {n}",
      invalid: "Rhowch ddynodydd ar gyfer canlyniad {n}",
      invalid_slug: "Rhaid i ddynodydd canlyniad {n} gynnwys llythrennau bach a i z, rhifau a chysylltnodau sengl yn unig",
      too_short: `Rhaid i ddynodydd canlyniad {n} fod yn ${L.slugMin} nod neu fwy`,
      too_long: `Rhaid i ddynodydd canlyniad {n} fod yn ${L.slugMax} nod neu lai`,
      duplicate: "Mae canlyniad arall eisoes yn defnyddio dynodydd canlyniad {n}. Rhowch un gwahanol",
    },
    "node.parentSlug": {
      invalid: "Dewiswch ble mae canlyniad {n} yn perthyn yn y fframwaith",
      parent_not_found: "Rhaid i ganlyniad {n} fod o dan ganlyniad arall yn y fframwaith hwn, neu ar y lefel uchaf",
      parent_is_self: "Ni all canlyniad {n} fod oddi tano’i hun",
      cycle: "Ni all canlyniad {n} fod o dan un o’r canlyniadau sydd oddi tano",
      too_deep: `Mae canlyniad {n} yn rhy ddwfn. Gall fframwaith gynnwys hyd at ${L.depthMax} lefel`,
    },
    "node.name": {
      required: "Rhowch enw ar gyfer canlyniad {n}",
      invalid: "Rhowch enw ar gyfer canlyniad {n}",
      too_short: `Rhaid i enw canlyniad {n} fod yn ${L.nodeNameMin} nod neu fwy`,
      too_long: `Rhaid i enw canlyniad {n} fod yn ${L.nodeNameMax} nod neu lai`,
    },
    "node.nameCy": {
      invalid: "Rhowch enw Cymraeg canlyniad {n} fel testun",
      too_short: `Rhaid i enw Cymraeg canlyniad {n} fod yn ${L.nodeNameMin} nod neu fwy`,
      too_long: `Rhaid i enw Cymraeg canlyniad {n} fod yn ${L.nodeNameMax} nod neu lai`,
    },
    "node.description": {
      invalid: "Rhowch ddisgrifiad canlyniad {n} fel testun",
      too_long: `Rhaid i ddisgrifiad canlyniad {n} fod yn ${L.descriptionMax} nod neu lai`,
    },
  },
  fallback: "Gwiriwch yr ateb hwn",
  labels: {
    verified: "Wedi’i wirio yn erbyn y cyhoeddwr",
    provisional: "Dros dro",
    provisionalHint: "Nid yw’r geiriad hwn wedi’i wirio eto yn erbyn testun y cyhoeddwr ei hun.",
    draft: "Drafft",
    published: "Wedi’i gyhoeddi",
    builtin: "Adeiledig",
    own: "Eich cyngor chi",
    inUse: "Yn cael ei ddefnyddio",
  },
};

export const frameworkMessages: { en: Copy; cy: Copy } = { en, cy };

export function reasonMessage(reason: FrameworkReason, locale: Locale = "en"): string {
  return frameworkMessages[locale].reasons[reason];
}

/** "nodes.3.name" → { kind: "node.name", n: 4 }; unknown paths → null. */
export function fieldKind(path: string): { kind: FieldKind; n: number | null } | null {
  const node = /^nodes\.(\d+)\.(slug|parentSlug|name|nameCy|description)$/.exec(path);
  if (node) return { kind: `node.${node[2]}` as FieldKind, n: Number(node[1]) + 1 };
  if (/^nodes\.\d+$/.test(path)) return { kind: "nodes", n: null };
  const top: readonly FieldKind[] = ["form", "name", "nameCy", "slug", "source", "sourceUrl", "notes", "nodes"];
  return (top as readonly string[]).includes(path) ? { kind: path as FieldKind, n: null } : null;
}

/** The words for one field error, used both in the error summary and next to the field. */
export function fieldErrorMessage(path: string, code: FieldErrorCode, locale: Locale = "en"): string {
  const copy = frameworkMessages[locale];
  const field = fieldKind(path);
  const template = field ? copy.fields[field.kind][code] : undefined;
  if (template === undefined) return copy.fallback;
  return field?.n === null || field?.n === undefined ? template : format(template, { n: field.n });
}

/** Every field error of a validation, worded, in form order: ready for the GOV.UK error summary. */
export function fieldErrorList(
  fieldErrors: Readonly<Record<string, FieldErrorCode>>,
  locale: Locale = "en",
): { path: string; message: string }[] {
  return Object.entries(fieldErrors).map(([path, code]) => ({ path, message: fieldErrorMessage(path, code, locale) }));
}
