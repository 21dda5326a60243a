import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  alertmanagerGroup,
  azureAlert,
  azureMetricAlert,
  datadogDefault,
  eventsV2,
  grafanaLegacyAlert,
  grafanaNotification,
  newRelicIssue,
  newRelicLegacyIncident,
  statusCakeForm,
} from '@internal/pagerduty-simulator';
import request from 'supertest';
import waitForExpect from 'wait-for-expect';
import { createTestDatabases } from '../__testUtils__/databases';
import { startStatusTestBackend } from '../__testUtils__/startStatusTestBackend';

jest.setTimeout(120_000);

const SECRET = 'tool-secret';
const TOOLS = [
  'alertmanager',
  'grafana',
  'datadog',
  'newrelic',
  'azure',
  'statuscake',
  'generic',
];

const component = (name: string, title?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
  spec: { type: 'service', owner: 'shop', lifecycle: 'production' },
});

/** Each tool's payload variants, firing and resolved, naming `checkout` as the tool does by default. */
type Case = {
  tool: string;
  variant: string;
  firing: () => object | string;
  resolved: () => object | string;
  /** How the default payload names the entity. */
  match: object;
  level: string;
};

const form = (body: string) => body;
const cases: Case[] = [
  {
    tool: 'alertmanager',
    variant: 'its default version 4 group',
    firing: () => alertmanagerGroup({ service: 'checkout' }),
    resolved: () =>
      alertmanagerGroup({ service: 'checkout', status: 'resolved' }),
    match: { rule: 'label', key: 'service', value: 'checkout' },
    level: 'major_outage',
  },
  {
    tool: 'alertmanager',
    variant: 'a minimal group',
    firing: () => ({
      alerts: [{ status: 'firing', labels: { job: 'checkout' } }],
    }),
    resolved: () => ({
      alerts: [{ status: 'resolved', labels: { job: 'checkout' } }],
    }),
    match: { rule: 'label', key: 'job', value: 'checkout' },
    level: 'degraded',
  },
  {
    tool: 'grafana',
    variant: 'its unified alerting default',
    firing: () => grafanaNotification({ service: 'checkout' }),
    resolved: () =>
      grafanaNotification({ service: 'checkout', status: 'resolved' }),
    match: { rule: 'label', key: 'service', value: 'checkout' },
    level: 'degraded',
  },
  {
    tool: 'grafana',
    variant: 'its legacy dashboard alert',
    firing: () => grafanaLegacyAlert(),
    resolved: () => grafanaLegacyAlert({ state: 'ok' }),
    match: { rule: 'label', key: 'service', value: 'checkout' },
    level: 'degraded',
  },
  {
    tool: 'datadog',
    variant: 'its default payload, the transition and scope in the title',
    firing: () => datadogDefault({ scope: ['service:checkout', 'env:prod'] }),
    resolved: () =>
      datadogDefault({
        transition: 'Recovered',
        scope: ['service:checkout', 'env:prod'],
      }),
    match: { rule: 'label', key: 'service', value: 'checkout' },
    level: 'partial_outage',
  },
  {
    tool: 'datadog',
    variant: 'a template with its own key names',
    firing: () => ({
      alert_title: 'Checkout latency high',
      alert_transition: 'Warn',
      alert_priority: 'P3',
      tags: 'checkout, env:prod',
    }),
    resolved: () => ({
      alert_title: 'Checkout latency high',
      alert_transition: 'Recovered',
      tags: 'checkout, env:prod',
    }),
    match: { rule: 'name', from: 'tag', value: 'checkout' },
    level: 'degraded',
  },
  {
    tool: 'newrelic',
    variant: 'its default workflow payload',
    firing: () => newRelicIssue({ impactedEntities: ['checkout'] }),
    resolved: () =>
      newRelicIssue({ impactedEntities: ['checkout'], state: 'CLOSED' }),
    match: { rule: 'name', from: 'entity', value: 'checkout' },
    level: 'major_outage',
  },
  {
    tool: 'newrelic',
    variant: 'its legacy alert-policy channel',
    firing: () => newRelicLegacyIncident({ target: 'checkout' }),
    resolved: () =>
      newRelicLegacyIncident({ target: 'checkout', state: 'closed' }),
    match: { rule: 'name', from: 'entity', value: 'checkout' },
    level: 'major_outage',
  },
  {
    tool: 'azure',
    variant: 'the common alert schema',
    firing: () => azureAlert({ resourceName: 'checkout' }),
    resolved: () =>
      azureAlert({ resourceName: 'checkout', condition: 'Resolved' }),
    match: { rule: 'name', from: 'resource', value: 'checkout' },
    level: 'partial_outage',
  },
  {
    tool: 'azure',
    variant: 'the metric alert schema',
    firing: () => azureMetricAlert(),
    resolved: () => azureMetricAlert({ status: 'Resolved' }),
    match: { rule: 'name', from: 'resource', value: 'checkout' },
    level: 'partial_outage',
  },
  {
    tool: 'statuscake',
    variant: 'its form with a plain tag',
    firing: () =>
      form(statusCakeForm({ token: SECRET, tags: 'checkout,production' })),
    resolved: () =>
      form(
        statusCakeForm({
          token: SECRET,
          tags: 'checkout,production',
          status: 'Up',
        }),
      ),
    match: { rule: 'name', from: 'tag', value: 'checkout' },
    level: 'major_outage',
  },
  {
    tool: 'statuscake',
    variant: 'a minimal form, upper-case status',
    firing: () =>
      form(
        new URLSearchParams({
          Token: SECRET,
          Status: 'DOWN',
          Name: 'Checkout',
        }).toString(),
      ),
    resolved: () =>
      form(
        new URLSearchParams({
          Token: SECRET,
          Status: 'UP',
          Name: 'Checkout',
        }).toString(),
      ),
    match: { rule: 'name', from: 'test', value: 'Checkout' },
    level: 'major_outage',
  },
  {
    tool: 'generic',
    variant: 'an Events API v2 trigger with payload.component',
    firing: () => eventsV2({ component: 'checkout' }),
    resolved: () => eventsV2({ component: 'checkout', action: 'resolve' }),
    match: { rule: 'name', from: 'component', value: 'checkout' },
    level: 'degraded',
  },
  {
    tool: 'generic',
    variant: 'a minimal trigger naming its source by the entity title',
    firing: () => ({
      routing_key: 'R0UTINGKEY0000000000000000000000',
      event_action: 'trigger',
      dedup_key: 'checkout-down',
      payload: {
        summary: 'Checkout down',
        source: 'Checkout Service',
        severity: 'critical',
      },
    }),
    resolved: () => ({
      routing_key: 'R0UTINGKEY0000000000000000000000',
      event_action: 'resolve',
      dedup_key: 'checkout-down',
    }),
    match: { rule: 'name', from: 'source', value: 'Checkout Service' },
    level: 'major_outage',
  },
];

describe("every tool's default payload, mapped without set-up", () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let server: any;
    beforeAll(async () => {
      server = await startStatusTestBackend({
        knex: await databases.init(databaseId),
        entities: [
          component('checkout', 'Checkout Service'),
          component('search'),
        ],
        runStartupTasks: true,
        config: {
          status: {
            alerts: {
              sources: Object.fromEntries(
                TOOLS.map(id => [id, { secret: SECRET }]),
              ),
            },
          },
        },
      });
    });

    const send = (tool: string, body: object | string) => {
      const req = request(server)
        .post(`/api/status/webhooks/${tool}?token=${SECRET}`)
        .set('Authorization', `Bearer ${SECRET}`);
      return typeof body === 'string'
        ? req.type('form').send(body)
        : req.send(body);
    };
    const checkout = async () => {
      const res = await request(server)
        .get('/api/status/entities/component/default/checkout')
        .set('Authorization', mockCredentials.user.header())
        .expect(200);
      return res.body;
    };

    it.each(cases)(
      '$tool: $variant',
      async ({ tool, firing, resolved, match, level }) => {
        // sent twice, as tools repeat a firing alert: one alert
        await send(tool, firing()).expect(202);
        await send(tool, firing()).expect(202);
        await waitForExpect(async () => {
          const status = await checkout();
          const ofTool = status.alerts.filter((a: any) => a.source === tool);
          expect(ofTool).toHaveLength(1);
          expect(ofTool[0].match).toEqual(match);
          expect(status.levels.own).toBe(level);
        });
        // with fields the tool may add one day
        const extended = firing();
        if (typeof extended !== 'string')
          await send(tool, {
            ...extended,
            addedLater: { any: 'thing' },
          }).expect(202);
        await send(tool, resolved()).expect(202);
        await waitForExpect(async () => {
          const status = await checkout();
          expect(status.alerts.filter((a: any) => a.source === tool)).toEqual(
            [],
          );
          expect(status.levels.own).toBe('operational');
        });
      },
    );
  });
});
