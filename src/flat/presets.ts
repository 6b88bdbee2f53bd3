/**
 * Mapping presets for the exports of the CRMs people use, from their public field names: each
 * preset lists both the API names (Data Loader, REST exports) and the labels of the CRM's own
 * export or report, matched case-insensitively. What every preset fills:
 *
 * - stage → `claimedStep` (the seven-step step the CRM's stage claims) and → `outcome`
 *   (won / lost / open);
 * - amount → `amount`, currency → `currency`, expected close date → `need.deadline` (date-times
 *   with a time zone read as the date written), account → `customer.name`;
 * - contact roles (where the CRM has them) → `stakeholders` with their decision-chain role.
 *
 * Everything else the CRM exports is kept under `custom` (reported once). The stage tables are the
 * CRMs' default pipelines; a team with its own stages overrides the stage column in its mapping
 * (`{ "preset": "salesforce", "columns": { "StageName": [...] } }`). See docs/sheets.md.
 */
import type { ColumnMapping } from './mapping.js';

/** The CRM presets a mapping can start from. */
export const PRESET_NAMES = ['salesforce', 'hubspot', 'odoo', 'dynamics'] as const;
/** The name of a CRM preset. */
export type PresetName = (typeof PRESET_NAMES)[number];

/** A CRM preset: the export's standard columns mapped onto snapshot fields. */
export interface Preset {
  /** The CRM object the preset reads. */
  object: string;
  /** Where the field names come from. */
  source: string;
  columns: Readonly<Record<string, ColumnMapping>>;
}

/** One mapping under several headers (API name, export label). Headers match in any case: a label that differs from the API name only in case (`amount`/`Amount`) is listed once — a mapping may not list both. */
const both = (names: readonly string[], mapping: ColumnMapping): Record<string, ColumnMapping> => Object.fromEntries(names.map((n) => [n, mapping]));

/** Contact roles: the CRMs' role words → the snapshot's decision-chain roles. */
const CONTACT_ROLES = { to: 'stakeholders', type: 'contacts' } as const;

/** The CRM presets by name (docs/sheets.md, "CRM presets"). */
export const PRESETS: Readonly<Record<PresetName, Preset>> = {
  salesforce: {
    object: 'Opportunity',
    source: 'Salesforce Opportunity standard fields (API names and report labels); StageName default picklist',
    columns: {
      ...both(['Id', 'Opportunity ID'], 'id'),
      ...both(['Account.Name', 'Account Name'], 'customer.name'),
      ...both(['Amount'], 'amount'),
      ...both(['CurrencyIsoCode', 'Opportunity Currency', 'Amount Currency'], 'currency'),
      ...both(['CloseDate', 'Close Date'], 'need.deadline'),
      ...both(['StageName', 'Stage'], [
        {
          to: 'claimedStep',
          values: {
            Prospecting: 1,
            Qualification: 1,
            'Needs Analysis': 2,
            'Value Proposition': 3,
            'Id. Decision Makers': 4,
            'Perception Analysis': 5,
            'Proposal/Price Quote': 6,
            'Negotiation/Review': 7,
            'Closed Won': 7,
            'Closed Lost': null,
          },
          otherwise: null,
        },
        { to: 'outcome', values: { 'Closed Won': 'won', 'Closed Lost': 'lost' }, otherwise: 'open' },
      ]),
      ...both(['IsWon', 'Won', 'IsClosed', 'Closed'], '-'),
      ...both(['Probability', 'Probability (%)'], 'custom.crm_probability'),
      ...both(['LeadSource', 'Lead Source'], {
        to: 'source',
        values: { Web: 'inquiry', 'Phone Inquiry': 'inquiry', 'Partner Referral': 'channel', 'Purchased List': 'outbound', Other: null },
        otherwise: null,
      }),
      ...both(['Name', 'Opportunity Name'], 'custom.opportunity_name'),
      ...both(['Type'], 'custom.type'),
      ...both(['OwnerId', 'Opportunity Owner'], '-'),
      ...both(['Contact Roles', 'OpportunityContactRoles'], CONTACT_ROLES),
    },
  },
  hubspot: {
    object: 'Deals',
    source: 'HubSpot deal properties (internal names and export labels); default sales pipeline stages',
    columns: {
      ...both(['hs_object_id', 'Record ID', 'dealId'], 'id'),
      ...both(['amount'], 'amount'),
      ...both(['deal_currency_code', 'Currency'], 'currency'),
      ...both(['closedate', 'Close Date'], 'need.deadline'),
      ...both(['dealstage', 'Deal Stage'], [
        {
          to: 'claimedStep',
          values: {
            appointmentscheduled: 1,
            'Appointment Scheduled': 1,
            qualifiedtobuy: 2,
            'Qualified To Buy': 2,
            presentationscheduled: 3,
            'Presentation Scheduled': 3,
            decisionmakerboughtin: 5,
            'Decision Maker Bought-In': 5,
            contractsent: 7,
            'Contract Sent': 7,
            closedwon: 7,
            'Closed Won': 7,
          },
          otherwise: null,
        },
        { to: 'outcome', values: { closedwon: 'won', 'Closed Won': 'won', closedlost: 'lost', 'Closed Lost': 'lost' }, otherwise: 'open' },
      ]),
      ...both(['hs_is_closed_won', 'Is Closed Won', 'hs_is_closed', 'Is Deal Closed?'], '-'),
      ...both(['hs_deal_stage_probability', 'Deal probability'], 'custom.crm_probability'),
      ...both(['dealname', 'Deal Name'], 'custom.deal_name'),
      ...both(['pipeline'], 'custom.pipeline'),
      ...both(['dealtype', 'Deal Type'], 'custom.deal_type'),
      ...both(['createdate', 'Create Date'], { to: 'custom.create_date', type: 'date' }),
      ...both(['hubspot_owner_id', 'Deal owner'], '-'),
    },
  },
  odoo: {
    object: 'crm.lead',
    source: 'Odoo crm.lead fields (technical names and export labels); default CRM stages',
    columns: {
      ...both(['id'], 'id'),
      ...both(['partner_id', 'Customer', 'partner_name', 'Company Name'], 'customer.name'),
      ...both(['expected_revenue', 'Expected Revenue'], 'amount'),
      ...both(['company_currency', 'Currency'], 'currency'),
      ...both(['date_deadline', 'Expected Closing'], 'need.deadline'),
      ...both(['stage_id', 'Stage'], { to: 'claimedStep', values: { New: 1, Qualified: 2, Proposition: 5, Won: 7 }, otherwise: null }),
      ...both(['won_status', 'Is Won'], { to: 'outcome', values: { won: 'won', lost: 'lost', pending: 'open' } }),
      ...both(['probability'], 'custom.crm_probability'),
      ...both(['name', 'Opportunity'], 'custom.opportunity_name'),
      ...both(['user_id', 'Salesperson'], '-'),
    },
  },
  dynamics: {
    object: 'opportunity',
    source: 'Dynamics 365 Sales opportunity columns (logical names and display names); Status and Pipeline Phase',
    columns: {
      ...both(['opportunityid', '(Do Not Modify) Opportunity'], 'id'),
      ...both(['parentaccountid', 'Account', 'customerid', 'Potential Customer'], 'customer.name'),
      ...both(['estimatedvalue', 'Est. Revenue'], 'amount'),
      ...both(['transactioncurrencyid', 'Currency'], { to: 'currency', values: { 'US Dollar': 'USD', Euro: 'EUR', 'Chinese Yuan': 'CNY', 'Pound Sterling': 'GBP' } }),
      ...both(['estimatedclosedate', 'Est. Close Date'], 'need.deadline'),
      ...both(['stepname', 'Pipeline Phase'], {
        to: 'claimedStep',
        values: { '1-Qualify': 1, Qualify: 1, '2-Develop': 3, Develop: 3, '3-Propose': 5, Propose: 5, '4-Close': 7, Close: 7 },
        otherwise: null,
      }),
      ...both(['statecode', 'Status'], { to: 'outcome', values: { Open: 'open', Won: 'won', Lost: 'lost', '0': 'open', '1': 'won', '2': 'lost' } }),
      ...both(['name', 'Topic'], 'custom.topic'),
      ...both(['statuscode', 'Status Reason', 'closeprobability', 'Probability', '(Do Not Modify) Row Checksum', '(Do Not Modify) Modified On', 'ownerid', 'Owner'], '-'),
      ...both(['Stakeholders'], CONTACT_ROLES),
    },
  },
};

/**
 * Contact-role words of the CRMs → the snapshot's decision-chain roles (vocabulary `role`).
 * Roles with no place in the decision chain (Influencer, Other) give a stakeholder with no role.
 */
export const CONTACT_ROLE_WORDS: Readonly<Record<string, 'final-say' | 'decision-maker' | 'evaluator' | 'user'>> = {
  'economic buyer': 'final-say',
  'economic decision maker': 'final-say',
  'decision maker': 'decision-maker',
  'executive sponsor': 'decision-maker',
  evaluator: 'evaluator',
  'technical buyer': 'evaluator',
  'business user': 'user',
  'end user': 'user',
};
