import { Router } from 'express';
import { RouterParts } from './routerParts';
import { DependencyEnd, ServiceDependency } from '../model';
import { PagerDutyApiError } from './errors';
import { endpointFault } from './guards';
import { paginate } from './params';

/** `technical_service_reference` or `business_service_reference`, as PagerDuty writes an end. */
const reference = (end: DependencyEnd) => ({
  id: end.id,
  type: `${end.kind}_reference`,
});

const relationship = (dependency: ServiceDependency) => ({
  id: dependency.id,
  type: 'service_dependency',
  supporting_service: reference(dependency.supporting),
  dependent_service: reference(dependency.dependent),
});

/**
 * PagerDuty's service graph: the immediate dependencies of a technical or
 * business service, both ways (what it needs and what needs it), and the
 * account's business services.
 * https://developer.pagerduty.com/api-reference/6ff8cd0bfa6b3-get-technical-service-dependencies
 */
export function createServiceDependenciesRouter(options: RouterParts): Router {
  const { state } = options;
  const router = Router();

  const relationshipsOf = (id: string) =>
    state.serviceDependencies
      .filter(d => d.dependent.id === id || d.supporting.id === id)
      .map(relationship);

  router.get('/service_dependencies/technical_services/:id', (req, res) => {
    if (!state.services.has(req.params.id)) {
      throw PagerDutyApiError.notFound(`Service ${req.params.id}`);
    }
    res.json({ relationships: relationshipsOf(req.params.id) });
  });

  router.get('/service_dependencies/business_services/:id', (req, res) => {
    if (!state.businessServices.has(req.params.id)) {
      throw PagerDutyApiError.notFound(`Business Service ${req.params.id}`);
    }
    res.json({ relationships: relationshipsOf(req.params.id) });
  });

  router.get('/business_services', (req, res) => {
    const all = [...state.businessServices.values()].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    const { page, pagination } = paginate(
      req.query,
      all,
      endpointFault(options.faults(), res),
    );
    res.json({
      business_services: page.map(b => ({
        ...options.shapes.ref('business_service', b.id, b.name),
        type: 'business_service',
        name: b.name,
        description: b.description,
        point_of_contact: b.pointOfContact,
        team: b.teamId ? options.shapes.teamRef(b.teamId) : null,
      })),
      ...pagination,
    });
  });

  return router;
}
