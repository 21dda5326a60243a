// Bodies shaped as each tool's documentation shows them, for tests, the
// benchmark and the demo's `send-alert` command. Every time in a body is
// computed from `now` (the moment it is built, unless a test passes its own
// clock), so a sample sent on any day looks as it does today.

const minutesBefore = (now: Date, minutes: number) =>
  new Date(now.getTime() - minutes * 60_000);

/** The alert sources the demo can send samples of. */
export const SAMPLE_ALERT_SOURCES = [
  'alertmanager',
  'grafana',
  'datadog',
  'newrelic',
  'azure',
  'statuscake',
  'generic',
] as const;

/** One of {@link SAMPLE_ALERT_SOURCES}. */
export type SampleAlertSource = (typeof SAMPLE_ALERT_SOURCES)[number];

/**
 * Sends a sample alert of a tool to the status backend's webhook, firing or
 * resolved, for an entity name, authenticated as that tool authenticates.
 * Returns the HTTP status and body.
 */
export async function sendSampleAlert(options: {
  backendUrl: string;
  source: SampleAlertSource;
  secret: string;
  service: string;
  resolve?: boolean;
  /** Makes the alert distinct from other samples of the same tool. */
  id?: string;
}): Promise<{ status: number; body: string }> {
  const { source, secret, service, resolve, id = service } = options;
  const url = `${options.backendUrl.replace(
    /\/$/,
    '',
  )}/api/status/webhooks/${source}`;
  let body: string;
  let contentType = 'application/json';
  let target = url;
  const headers: Record<string, string> = {};
  switch (source) {
    case 'alertmanager':
      body = JSON.stringify(
        alertmanagerGroup({
          service,
          status: resolve ? 'resolved' : 'firing',
          fingerprint: `demo-${id}`,
        }),
      );
      break;
    case 'grafana': {
      const notification = grafanaNotification({
        service,
        status: resolve ? 'resolved' : 'firing',
      });
      notification.alerts[0].fingerprint = `demo-${id}`;
      body = JSON.stringify(notification);
      break;
    }
    case 'datadog':
      body = JSON.stringify({
        ...datadogWebhook({
          transition: resolve ? 'Recovered' : 'Triggered',
          tags: `service:${service},env:prod`,
        }),
        cycle_key: `demo-${id}`,
      });
      break;
    case 'newrelic':
      body = JSON.stringify({
        ...newRelicIssue({
          state: resolve ? 'CLOSED' : 'ACTIVATED',
          names: [service],
          guid: `GUID-${id}`,
        }),
        id: `demo-${id}`,
      });
      break;
    case 'azure': {
      const alert = azureAlert({ condition: resolve ? 'Resolved' : 'Fired' });
      alert.data.essentials.configurationItems = [service];
      alert.data.essentials.alertId = `/subscriptions/1111/providers/Microsoft.AlertsManagement/alerts/demo-${id}`;
      body = JSON.stringify(alert);
      // action groups cannot set headers
      target = `${url}?token=${encodeURIComponent(secret)}`;
      break;
    }
    case 'statuscake': {
      const form = new URLSearchParams(
        statusCakeForm({
          status: resolve ? 'Up' : 'Down',
          token: secret,
          name: `${service} homepage`,
        }),
      );
      form.set('Tags', `service:${service}`);
      form.set('TestID', `demo-${id}`);
      body = form.toString();
      contentType = 'application/x-www-form-urlencoded';
      break;
    }
    case 'generic':
    default:
      body = JSON.stringify({
        ...eventsV2({
          action: resolve ? 'resolve' : 'trigger',
          dedupKey: `demo-${id}`,
          service,
        }),
      });
  }
  if (source !== 'azure' && source !== 'statuscake')
    headers.Authorization = `Bearer ${secret}`;
  const response = await fetch(target, {
    method: 'POST',
    headers: { 'Content-Type': contentType, ...headers },
    body,
  });
  return { status: response.status, body: await response.text() };
}

/** Prometheus Alertmanager webhook, version 4: a group of alerts. */
export function alertmanagerGroup(
  options: {
    status?: 'firing' | 'resolved';
    service?: string;
    fingerprint?: string;
    severity?: string;
    extraLabels?: Record<string, string>;
    now?: Date;
  } = {},
) {
  const status = options.status ?? 'firing';
  const now = options.now ?? new Date();
  const labels = {
    alertname: 'HighErrorRate',
    severity: options.severity ?? 'critical',
    ...(options.service ? { service: options.service } : {}),
    ...options.extraLabels,
  };
  return {
    version: '4',
    groupKey: '{}:{alertname="HighErrorRate"}',
    truncatedAlerts: 0,
    status,
    receiver: 'backstage-status',
    groupLabels: { alertname: 'HighErrorRate' },
    commonLabels: labels,
    commonAnnotations: { summary: '5xx above 5% for 10 minutes' },
    externalURL: 'http://alertmanager.example:9093',
    alerts: [
      {
        status,
        labels,
        annotations: {
          summary: '5xx above 5% for 10 minutes',
          description: 'checkout answers 503 to 7% of requests',
        },
        startsAt: minutesBefore(now, 30).toISOString(),
        // Alertmanager's zero time while an alert fires
        endsAt:
          status === 'resolved' ? now.toISOString() : '0001-01-01T00:00:00Z',
        generatorURL:
          'http://prometheus.example:9090/graph?g0.expr=rate%28http_requests_total%5B5m%5D%29',
        fingerprint: options.fingerprint ?? 'c6f0a0e5b4d3a2f1',
      },
    ],
  };
}

/** Grafana alerting webhook contact point. */
export function grafanaNotification(
  options: {
    status?: 'firing' | 'resolved';
    service?: string;
    now?: Date;
  } = {},
) {
  const group = alertmanagerGroup({
    status: options.status,
    service: options.service,
    now: options.now,
    fingerprint: 'a1b2c3d4e5f60718',
    severity: 'warning',
  });
  return {
    ...group,
    orgId: 1,
    title: `[${(options.status ?? 'firing').toUpperCase()}:1] HighErrorRate`,
    state: options.status === 'resolved' ? 'ok' : 'alerting',
    message: '**Firing**',
    alerts: group.alerts.map(a => ({
      ...a,
      values: { A: 7.2 },
      valueString: "[ var='A' labels={} value=7.2 ]",
      silenceURL: 'https://grafana.example/alerting/silence/new',
      dashboardURL: 'https://grafana.example/d/checkout',
      panelURL: 'https://grafana.example/d/checkout?viewPanel=4',
    })),
  };
}

/** Datadog webhook with the payload template from the README. */
export function datadogWebhook(
  options: {
    transition?: string;
    priority?: string;
    tags?: string;
    now?: Date;
  } = {},
) {
  const now = options.now ?? new Date();
  return {
    id: '7323372943857460000',
    title: '[Triggered] Checkout latency high',
    body: 'p99 latency above 2 s on checkout',
    transition: options.transition ?? 'Triggered',
    priority: options.priority ?? 'P2',
    cycle_key: '7323372942112345678',
    alert_id: '123456',
    alert_type: 'error',
    tags: options.tags ?? 'service:checkout,env:prod,team:shop',
    link: 'https://app.datadoghq.com/event/event?id=7323372943857460000',
    // $DATE: milliseconds since the epoch, as a string
    date: String(now.getTime()),
  };
}

/** New Relic workflow webhook, default payload. */
export function newRelicIssue(
  options: { state?: string; guid?: string; names?: string[]; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  return {
    id: 'f2d7b1c2-43c3-4a0e-9f3c-7b0d3c6a2e11',
    issueUrl:
      'https://radar-api.service.newrelic.com/accounts/1/issues/f2d7b1c2-43c3-4a0e-9f3c-7b0d3c6a2e11',
    title: ['Error rate above 5% on Checkout'],
    priority: 'CRITICAL',
    impactedEntities: options.names ?? ['checkout'],
    entitiesData: {
      names: options.names ?? ['checkout'],
      guids: [options.guid ?? 'MXxBUE18QVBQTElDQVRJT058MTIz'],
    },
    totalIncidents: 1,
    state: options.state ?? 'ACTIVATED',
    trigger: 'STATE_CHANGE',
    isCorrelated: false,
    createdAt: minutesBefore(now, 10).getTime(),
    updatedAt: now.getTime(),
    sources: ['newrelic'],
    alertPolicyNames: ['Checkout'],
    alertConditionNames: ['Error rate'],
    workflowName: 'Backstage status',
  };
}

/** Azure Monitor, common alert schema. */
export function azureAlert(
  options: {
    condition?: 'Fired' | 'Resolved';
    resourceId?: string;
    now?: Date;
  } = {},
) {
  const now = options.now ?? new Date();
  const resourceId =
    options.resourceId ??
    '/subscriptions/1111/resourceGroups/RG-SHOP/providers/Microsoft.Web/sites/checkout';
  return {
    schemaId: 'azureMonitorCommonAlertSchema',
    data: {
      essentials: {
        alertId:
          '/subscriptions/1111/providers/Microsoft.AlertsManagement/alerts/b9569717-bc32-442f-add5-83a997729330',
        alertRule: 'Checkout HTTP 5xx',
        severity: 'Sev1',
        signalType: 'Metric',
        monitorCondition: options.condition ?? 'Fired',
        monitoringService: 'Platform',
        alertTargetIDs: [resourceId],
        configurationItems: ['checkout'],
        originAlertId: '3f2d4487-b0fc-4125-8bd5-7ad17384221e_PipeLineAlertRG',
        firedDateTime: minutesBefore(now, 10).toISOString(),
        resolvedDateTime:
          options.condition === 'Resolved' ? now.toISOString() : undefined,
        description: 'Http5xx above 10 in 5 minutes',
        essentialsVersion: '1.0',
        alertContextVersion: '1.0',
      },
      alertContext: {},
      customProperties: { team: 'shop' },
    },
  };
}

/** StatusCake webhook, form-encoded. */
export function statusCakeForm(
  options: { status?: 'Up' | 'Down'; token?: string; name?: string } = {},
) {
  return new URLSearchParams({
    URL: 'https://shop.example/checkout',
    Token: options.token ?? 'statuscake-secret',
    Name: options.name ?? 'Checkout homepage',
    StatusCode: options.status === 'Up' ? '200' : '503',
    Status: options.status ?? 'Down',
    IP: '203.0.113.10',
    CheckRate: '300',
    Tags: 'service:checkout,env:prod',
    TestID: '6485124',
  }).toString();
}

/** A PagerDuty Events API v2 body. */
export function eventsV2(
  options: {
    action?: 'trigger' | 'acknowledge' | 'resolve';
    routingKey?: string;
    dedupKey?: string;
    service?: string;
    now?: Date;
  } = {},
) {
  return {
    routing_key: options.routingKey ?? 'R0UTINGKEY0000000000000000000000',
    event_action: options.action ?? 'trigger',
    dedup_key: options.dedupKey ?? 'checkout-disk-full',
    payload: {
      summary: 'Disk 95% full on checkout-db-1',
      source: 'checkout-db-1',
      severity: 'warning',
      timestamp: (options.now ?? new Date()).toISOString(),
      component: 'postgres',
      group: 'checkout',
      class: 'disk',
      custom_details: {
        free_space: '5%',
        ...(options.service ? { service: options.service } : {}),
      },
    },
    links: [{ href: 'https://grafana.example/d/disks', text: 'Disks' }],
  };
}
