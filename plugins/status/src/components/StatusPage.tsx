import { Route, Routes } from 'react-router-dom';
import { IncidentTimelinePage } from './IncidentTimeline';
import { StatusDashboard } from './StatusDashboard';

/**
 * The status page: the company-wide dashboard, and under
 * `incidents/:account/:incidentId` each incident's timeline.
 */
export function StatusPage() {
  return (
    <Routes>
      <Route path="/" element={<StatusDashboard />} />
      <Route
        path="/incidents/:account/:incidentId"
        element={<IncidentTimelinePage />}
      />
    </Routes>
  );
}
