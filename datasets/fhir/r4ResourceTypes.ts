// The resource types of FHIR R4 (4.0.1). Typed as a record over the @types/fhir union, so the compiler checks
// that the list is complete and that every name in it exists.
import type { FhirResource } from 'fhir/r4.js';

const R4_RESOURCE_TYPES: Record<FhirResource['resourceType'], 1> = {
  Account: 1, ActivityDefinition: 1, AdverseEvent: 1, AllergyIntolerance: 1, Appointment: 1,
  AppointmentResponse: 1, AuditEvent: 1, Basic: 1, Binary: 1, BiologicallyDerivedProduct: 1, BodyStructure: 1,
  Bundle: 1, CapabilityStatement: 1, CarePlan: 1, CareTeam: 1, CatalogEntry: 1, ChargeItem: 1,
  ChargeItemDefinition: 1, Claim: 1, ClaimResponse: 1, ClinicalImpression: 1, CodeSystem: 1, Communication: 1,
  CommunicationRequest: 1, CompartmentDefinition: 1, Composition: 1, ConceptMap: 1, Condition: 1, Consent: 1,
  Contract: 1, Coverage: 1, CoverageEligibilityRequest: 1, CoverageEligibilityResponse: 1, DetectedIssue: 1,
  Device: 1, DeviceDefinition: 1, DeviceMetric: 1, DeviceRequest: 1, DeviceUseStatement: 1,
  DiagnosticReport: 1, DocumentManifest: 1, DocumentReference: 1, EffectEvidenceSynthesis: 1, Encounter: 1,
  Endpoint: 1, EnrollmentRequest: 1, EnrollmentResponse: 1, EpisodeOfCare: 1, EventDefinition: 1, Evidence: 1,
  EvidenceVariable: 1, ExampleScenario: 1, ExplanationOfBenefit: 1, FamilyMemberHistory: 1, Flag: 1, Goal: 1,
  GraphDefinition: 1, Group: 1, GuidanceResponse: 1, HealthcareService: 1, ImagingStudy: 1, Immunization: 1,
  ImmunizationEvaluation: 1, ImmunizationRecommendation: 1, ImplementationGuide: 1, InsurancePlan: 1,
  Invoice: 1, Library: 1, Linkage: 1, List: 1, Location: 1, Measure: 1, MeasureReport: 1, Media: 1,
  Medication: 1, MedicationAdministration: 1, MedicationDispense: 1, MedicationKnowledge: 1,
  MedicationRequest: 1, MedicationStatement: 1, MedicinalProduct: 1, MedicinalProductAuthorization: 1,
  MedicinalProductContraindication: 1, MedicinalProductIndication: 1, MedicinalProductIngredient: 1,
  MedicinalProductInteraction: 1, MedicinalProductManufactured: 1, MedicinalProductPackaged: 1,
  MedicinalProductPharmaceutical: 1, MedicinalProductUndesirableEffect: 1, MessageDefinition: 1,
  MessageHeader: 1, MolecularSequence: 1, NamingSystem: 1, NutritionOrder: 1, Observation: 1,
  ObservationDefinition: 1, OperationDefinition: 1, OperationOutcome: 1, Organization: 1,
  OrganizationAffiliation: 1, Parameters: 1, Patient: 1, PaymentNotice: 1, PaymentReconciliation: 1, Person: 1,
  PlanDefinition: 1, Practitioner: 1, PractitionerRole: 1, Procedure: 1, Provenance: 1, Questionnaire: 1,
  QuestionnaireResponse: 1, RelatedPerson: 1, RequestGroup: 1, ResearchDefinition: 1,
  ResearchElementDefinition: 1, ResearchStudy: 1, ResearchSubject: 1, RiskAssessment: 1,
  RiskEvidenceSynthesis: 1, Schedule: 1, SearchParameter: 1, ServiceRequest: 1, Slot: 1, Specimen: 1,
  SpecimenDefinition: 1, StructureDefinition: 1, StructureMap: 1, Subscription: 1, Substance: 1,
  SubstanceNucleicAcid: 1, SubstancePolymer: 1, SubstanceProtein: 1, SubstanceReferenceInformation: 1,
  SubstanceSourceMaterial: 1, SubstanceSpecification: 1, SupplyDelivery: 1, SupplyRequest: 1, Task: 1,
  TerminologyCapabilities: 1, TestReport: 1, TestScript: 1, ValueSet: 1, VerificationResult: 1,
  VisionPrescription: 1,
};

const NAMES: ReadonlySet<string> = new Set(Object.keys(R4_RESOURCE_TYPES));

export function isR4ResourceType(name: string): name is FhirResource['resourceType'] {
  return NAMES.has(name);
}
