// Bodies shaped as each tool's documentation shows its default payload, for
// tests, the benchmark and the demo's `send-alert` command. Every time in a
// body is computed from `now` (the moment it is built, unless a test passes
// its own clock), so a sample sent on any day looks as it does today.

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

const minutesBefore = (now: Date, minutes: number) =>
  new Date(now.getTime() - minutes * 60_000);

/**
 * Sends a tool's default payload to the status backend's webhook, firing or
 * resolved, naming an entity the way each tool does without any set-up (a
 * `service` label, a Datadog scope tag, a New Relic impacted entity, an Azure
 * resource name, a StatusCake tag, an Events API `payload.component`),
 * authenticated as that tool authenticates. Returns the HTTP status and body.
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
      body = JSON.stringify(
        datadogDefault({
          transition: resolve ? 'Recovered' : 'Triggered',
          scope: [`service:${service}`, `sample:${id}`],
        }),
      );
      break;
    case 'newrelic':
      body = JSON.stringify({
        ...newRelicIssue({
          state: resolve ? 'CLOSED' : 'ACTIVATED',
          impactedEntities: [service],
        }),
        id: `demo-${id}`,
      });
      break;
    case 'azure': {
      const alert = azureAlert({
        condition: resolve ? 'Resolved' : 'Fired',
        resourceName: service,
      });
      alert.data.essentials.alertId = `/subscriptions/1111/providers/Microsoft.AlertsManagement/alerts/demo-${id}`;
      body = JSON.stringify(alert);
      // action groups cannot set headers
      target = `${url}?token=${encodeURIComponent(secret)}`;
      break;
    }
    case 'statuscake':
      body = statusCakeForm({
        status: resolve ? 'Up' : 'Down',
        token: secret,
        name: `${service} homepage (${id})`,
        tags: service,
      });
      contentType = 'application/x-www-form-urlencoded';
      break;
    case 'generic':
    default:
      body = JSON.stringify(
        eventsV2({
          action: resolve ? 'resolve' : 'trigger',
          dedupKey: `demo-${id}`,
          component: service,
        }),
      );
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

/** Prometheus Alertmanager's webhook, version 4: a group of alerts. */
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

/** Grafana's unified alerting webhook contact point, as its docs show it. */
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
    fingerprint: 'a1b2c3d4e5f60718',
    severity: 'warning',
    now: options.now,
  });
  const firing = (options.status ?? 'firing') === 'firing';
  return {
    ...group,
    version: '1',
    orgId: 1,
    title: `[${firing ? 'FIRING:1' : 'RESOLVED'}] HighErrorRate`,
    state: firing ? 'alerting' : 'ok',
    message: firing ? '**Firing**' : '**Resolved**',
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

/** Grafana's legacy dashboard alerting webhook: one rule per POST. */
export function grafanaLegacyAlert(
  options: { state?: string; tags?: Record<string, string> } = {},
) {
  const state = options.state ?? 'alerting';
  const stateText: Record<string, string> = {
    alerting: 'Alerting',
    ok: 'OK',
    no_data: 'No Data',
  };
  return {
    dashboardId: 1,
    evalMatches: [{ value: 1, metric: 'Count', tags: {} }],
    message: 'Checkout answers slowly',
    orgId: 1,
    panelId: 2,
    ruleId: 7,
    ruleName: 'Checkout latency',
    ruleUrl: 'https://grafana.example/d/checkout?viewPanel=2',
    state,
    tags: options.tags ?? { service: 'checkout' },
    title: `[${stateText[state] ?? 'Unknown'}] Checkout latency`,
  };
}

/**
 * Datadog's default webhook payload — `$EVENT_MSG`, `$LAST_UPDATED`,
 * `$EVENT_TYPE`, `$EVENT_TITLE`, `$DATE`, `$ORG_ID`/`$ORG_NAME`, `$ID` — as
 * a monitor fills it: the transition and the scope are in the title.
 */
export function datadogDefault(
  options: {
    transition?: string;
    scope?: string[];
    name?: string;
    now?: Date;
  } = {},
) {
  const now = options.now ?? new Date();
  const scope = options.scope ?? ['service:checkout', 'env:prod'];
  return {
    body: '%%%\np99 latency above 2 s on checkout\n%%%',
    last_updated: String(now.getTime()),
    event_type: 'metric_alert_monitor',
    title: `[${options.transition ?? 'Triggered'} on {${scope.join(',')}}] ${
      options.name ?? 'Checkout latency high'
    }`,
    date: String(now.getTime()),
    org: { id: '11023', name: 'Meridian Group' },
    id: '7323372943857460000',
  };
}

/** A template of our own for Datadog's webhook, with Datadog's variables under our keys. */
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

/** New Relic's default workflow webhook payload. */
export function newRelicIssue(
  options: {
    state?: string;
    impactedEntities?: string[];
    priority?: string;
    now?: Date;
  } = {},
) {
  const now = options.now ?? new Date();
  return {
    id: 'f2d7b1c2-43c3-4a0e-9f3c-7b0d3c6a2e11',
    issueUrl:
      'https://radar-api.service.newrelic.com/accounts/1/issues/f2d7b1c2-43c3-4a0e-9f3c-7b0d3c6a2e11',
    title: ['Error rate above 5% on Checkout'],
    priority: options.priority ?? 'CRITICAL',
    impactedEntities: options.impactedEntities ?? ['checkout'],
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

/** New Relic's legacy alert-policy webhook channel, default payload. */
export function newRelicLegacyIncident(
  options: { state?: string; target?: string; guid?: string; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  return {
    account_id: '1',
    account_name: 'Meridian Group',
    condition_id: '12',
    condition_name: 'Error rate above 5%',
    current_state: options.state ?? 'open',
    details: 'Error percentage > 5.0% for at least 5 minutes on Checkout',
    event_type: 'INCIDENT',
    incident_acknowledge_url:
      'https://alerts.newrelic.com/accounts/1/incidents/4321/acknowledge',
    incident_id: '4321',
    incident_url: 'https://alerts.newrelic.com/accounts/1/incidents/4321',
    owner: '',
    policy_name: 'Checkout',
    policy_url: 'https://alerts.newrelic.com/accounts/1/policies/56',
    runbook_url: '',
    severity: 'CRITICAL',
    targets: [
      {
        id: options.guid ?? 'MXxBUE18QVBQTElDQVRJT058MTIz',
        name: options.target ?? 'checkout',
        link: 'https://rpm.newrelic.com/accounts/1/applications/123',
        labels: { environment: 'production' },
        product: 'APM',
        type: 'Application',
      },
    ],
    timestamp: now.getTime(),
  };
}

/** Azure Monitor, common alert schema. */
export function azureAlert(
  options: {
    condition?: 'Fired' | 'Resolved';
    resourceId?: string;
    resourceName?: string;
    now?: Date;
  } = {},
) {
  const now = options.now ?? new Date();
  const name = options.resourceName ?? 'checkout';
  const resourceId =
    options.resourceId ??
    `/subscriptions/1111/resourceGroups/RG-SHOP/providers/Microsoft.Web/sites/${name}`;
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
        configurationItems: [name],
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

/** Azure Monitor's metric alert schema, for action groups without the common schema. */
export function azureMetricAlert(
  options: { status?: 'Activated' | 'Resolved'; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  const resourceId =
    '/subscriptions/1111/resourceGroups/RG-SHOP/providers/Microsoft.Web/sites/checkout';
  return {
    schemaId: 'AzureMonitorMetricAlert',
    data: {
      version: '2.0',
      status: options.status ?? 'Activated',
      context: {
        timestamp: now.toISOString(),
        id: '/subscriptions/1111/resourceGroups/RG-SHOP/providers/microsoft.insights/metricAlerts/Checkout5xx',
        name: 'Checkout 5xx',
        description: 'Http5xx above 10 in 5 minutes',
        conditionType: 'SingleResourceMultipleMetricCriteria',
        severity: '1',
        condition: { windowSize: 'PT5M', allOf: [] },
        subscriptionId: '1111',
        resourceGroupName: 'RG-SHOP',
        resourceName: 'checkout',
        resourceType: 'Microsoft.Web/sites',
        resourceId,
        portalLink: `https://portal.azure.com/#resource${resourceId}`,
      },
      properties: { team: 'shop' },
    },
  };
}

/** StatusCake's webhook, form-encoded, with the fields its knowledge base lists. */
export function statusCakeForm(
  options: {
    status?: 'Up' | 'Down';
    token?: string;
    name?: string;
    tags?: string;
  } = {},
) {
  return new URLSearchParams({
    URL: 'https://shop.example/checkout',
    Token: options.token ?? 'statuscake-secret',
    Name: options.name ?? 'Checkout homepage',
    StatusCode: options.status === 'Up' ? '200' : '503',
    Status: options.status ?? 'Down',
    IP: '203.0.113.10',
    CheckRate: '300',
    Tags: options.tags ?? 'checkout,production',
  }).toString();
}

/** A PagerDuty Events API v2 body, as PagerDuty's docs show one. */
export function eventsV2(
  options: {
    action?: 'trigger' | 'acknowledge' | 'resolve';
    routingKey?: string;
    dedupKey?: string;
    component?: string;
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
      component: options.component ?? 'postgres',
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
