// Long-form copy for the accessibility statement and the privacy notice, per language.
// Headings and paragraphs only, so pages render them as plain semantic HTML.
import type { Locale } from "../locale.ts";

export interface Section {
  heading: string;
  paragraphs: string[];
}

export function accessibilityStatement(locale: Locale, council: string): Section[] {
  if (locale === "cy")
    return [
      {
        heading: "Defnyddio'r gwasanaeth hwn",
        paragraphs: [
          `Mae ${council} yn rhedeg y gwasanaeth hwn ar Commonweal. Rydym eisiau i gynifer o bobl â phosibl allu ei ddefnyddio. Dylech allu chwyddo hyd at 400% heb i'r testun ddiflannu oddi ar y sgrin, llywio'r cyfan gyda bysellfwrdd yn unig, defnyddio darllenydd sgrin, a defnyddio pob rhan heb JavaScript.`,
        ],
      },
      {
        heading: "Pa mor hygyrch yw'r gwasanaeth",
        paragraphs: [
          "Ein nod yw bodloni Canllawiau Hygyrchedd Cynnwys y We (WCAG) fersiwn 2.2 lefel AA. Mae pob tudalen yn cael ei phrofi'n awtomatig gydag axe, gyda JavaScript ymlaen ac i ffwrdd, bob tro y mae'r cod yn newid.",
          "Nid yw mapiau yn unig ffordd o gael gwybodaeth: mae tabl neu restr ar gael bob amser.",
        ],
      },
      {
        heading: "Adrodd am broblemau hygyrchedd",
        paragraphs: [
          `Os ydych yn cael trafferth defnyddio'r gwasanaeth, neu os oes angen y wybodaeth arnoch mewn fformat arall, cysylltwch â ${council}. Byddwn yn ystyried eich cais ac yn ymateb o fewn 10 diwrnod gwaith.`,
        ],
      },
      {
        heading: "Gweithdrefn orfodi",
        paragraphs: [
          "Y Comisiwn Cydraddoldeb a Hawliau Dynol (EHRC) sy'n gyfrifol am orfodi Rheoliadau Hygyrchedd Cyrff Sector Cyhoeddus (Gwefannau ac Apiau Symudol) (Rhif 2) 2018. Os nad ydych yn fodlon â'n hymateb, cysylltwch â'r Gwasanaeth Cynghori a Chymorth Cydraddoldeb (EASS).",
        ],
      },
    ];
  return [
    {
      heading: "Using this service",
      paragraphs: [
        `${council} runs this service on Commonweal. We want as many people as possible to be able to use it. You should be able to zoom in up to 400% without the text spilling off the screen, navigate all of it using just a keyboard, use it with a screen reader, and use every part without JavaScript.`,
      ],
    },
    {
      heading: "How accessible this service is",
      paragraphs: [
        "We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. Every page is tested automatically with axe, with JavaScript on and off, every time the code changes.",
        "Maps are never the only way to get information: a table or list is always available.",
      ],
    },
    {
      heading: "Reporting accessibility problems",
      paragraphs: [
        `If you have difficulty using this service, or need information in a different format, contact ${council}. We will consider your request and reply within 10 working days.`,
      ],
    },
    {
      heading: "Enforcement procedure",
      paragraphs: [
        "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS).",
      ],
    },
  ];
}

export function privacyNotice(locale: Locale, council: string): Section[] {
  if (locale === "cy")
    return [
      {
        heading: "Pwy sy'n gyfrifol am eich data",
        paragraphs: [`${council} yw'r rheolydd data ar gyfer y wybodaeth a roddwch yn y gwasanaeth hwn.`],
      },
      {
        heading: "Beth rydym yn ei gasglu a pham",
        paragraphs: [
          "Eich cyfeiriad e-bost, i'ch mewngofnodi gyda chod untro ac i anfon derbynebau atoch. Cwci sesiwn, i'ch cadw wedi mewngofnodi. Eich cyfeiriad IP, am gyfnod byr, i atal camddefnydd (terfynau cyfradd).",
          "Y sail gyfreithiol yw cyflawni tasg gyhoeddus (Erthygl 6(1)(e) GDPR y DU): mae ymgynghori â thrigolion yn rhan o swyddogaethau'r cyngor.",
        ],
      },
      {
        heading: "Am ba hyd rydym yn cadw eich data",
        paragraphs: [
          "Mae codau mewngofnodi yn dod i ben ar ôl 10 munud. Mae sesiynau trigolion yn dod i ben ar ôl 30 diwrnod heb eu defnyddio. Rydym yn cadw eich cyfrif nes i chi ofyn i ni ei ddileu.",
        ],
      },
      {
        heading: "Eich hawliau",
        paragraphs: [
          "Gallwch ofyn am gopi o'ch data, gofyn i ni ei gywiro neu ei ddileu, a gwrthwynebu ei ddefnydd. Gallwch gwyno i Swyddfa'r Comisiynydd Gwybodaeth (ICO).",
        ],
      },
    ];
  return [
    {
      heading: "Who is responsible for your data",
      paragraphs: [`${council} is the data controller for the information you give in this service.`],
    },
    {
      heading: "What we collect and why",
      paragraphs: [
        "Your email address, to sign you in with a one-time code and to send you receipts. A session cookie, to keep you signed in. Your IP address, briefly, to prevent abuse (rate limits).",
        "The lawful basis is performing a public task (UK GDPR Article 6(1)(e)): consulting residents is part of the council's functions.",
      ],
    },
    {
      heading: "How long we keep your data",
      paragraphs: [
        "Sign-in codes expire after 10 minutes. Resident sessions end after 30 days without use. We keep your account until you ask us to delete it.",
      ],
    },
    {
      heading: "Your rights",
      paragraphs: [
        "You can ask for a copy of your data, ask us to correct or delete it, and object to its use. You can complain to the Information Commissioner's Office (ICO).",
      ],
    },
  ];
}
