import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as domain from '../index.ts';

test('the reports API is exported from the domain package', () => {
  const names = [
    'DEFAULT_BUCKET_BOUNDS', 'bucketsFromBounds', 'bucketIndex', 'SCHEDULE_III_BUCKETS', 'scheduleIIIBucket',
    'dsoSimple', 'dsoCountback', 'bestPossibleDso', 'bestPossibleDsoCountback', 'averageDaysDelinquent',
    'collectionEffectivenessIndex', 'averageCei', 'averagePaymentDelay', 'paymentRating', 'collectionRate',
    'rateToPercent', 'rollRateLossRates', 'provisionMatrix', 'applyOverrides', 'provisionMovement', 'proposedProvisionEntry',
  ];
  for (const name of names) assert.ok(name in domain, name);
  assert.equal('hundredths' in domain, false); // an internal helper, not API
});
