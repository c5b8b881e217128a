import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nonPublicRange, parseAllowList } from '@khabar/fetch';
import { assertAddressAllowed, guardedLookup, type LookupFunction } from '../src/address-guard.js';

test('public addresses pass and every non-public range is named', () => {
  for (const ip of ['93.184.216.34', '8.8.8.8', '2606:4700::1111']) assert.equal(nonPublicRange(ip), undefined, ip);
  const expected: Record<string, string> = {
    '127.0.0.1': 'loopback',
    '10.0.0.1': 'private',
    '172.16.5.4': 'private',
    '192.168.0.10': 'private',
    '169.254.169.254': 'linkLocal',
    '100.100.100.200': 'carrierGradeNat',
    '0.0.0.0': 'unspecified',
    '224.0.0.1': 'multicast',
    '::1': 'loopback',
    'fe80::1': 'linkLocal',
    'fd00:ec2::254': 'uniqueLocal',
    '::ffff:127.0.0.1': 'loopback',
    '::ffff:10.1.1.1': 'private',
  };
  for (const [ip, range] of Object.entries(expected)) assert.equal(nonPublicRange(ip), range, ip);
});

test('the allow-list lets exactly the listed addresses, ranges and hosts through', () => {
  const allow = parseAllowList(['127.0.0.1', '10.20.0.0/16', 'intranet.example']);
  assert.doesNotThrow(() => assertAddressAllowed('127.0.0.1', '127.0.0.1', allow));
  assert.doesNotThrow(() => assertAddressAllowed('127.0.0.1', '::ffff:127.0.0.1', allow));
  assert.throws(() => assertAddressAllowed('127.0.0.2', '127.0.0.2', allow), /loopback/);
  assert.doesNotThrow(() => assertAddressAllowed('x', '10.20.3.4', allow));
  assert.throws(() => assertAddressAllowed('x', '10.21.3.4', allow), /private/);
  assert.doesNotThrow(() => assertAddressAllowed('intranet.example', '10.99.0.1', allow));
  assert.throws(() => assertAddressAllowed('::1', '::1', allow), /BlockedAddress|loopback/);
});

test('a bad allow-list entry is an error that names it', () => {
  assert.throws(() => parseAllowList(['10.0.0.0/99']), /10\.0\.0\.0\/99/);
});

test('the guarded lookup refuses a name when any of its addresses is refused', async () => {
  const resolve: LookupFunction = (_host, _options, callback) =>
    callback(null, [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ]);
  const lookup = guardedLookup(parseAllowList([]), resolve);
  const error = await new Promise<Error | null>((done) => lookup('mixed.example', { all: true }, (e) => done(e)));
  assert.equal(error?.name, 'BlockedAddressError');
  const single = guardedLookup(parseAllowList([]), (_h, _o, cb) => cb(null, [{ address: '93.184.216.34', family: 4 }]));
  const answer = await new Promise<string>((done) => single('ok.example', {}, (_e, address) => done(address as string)));
  assert.equal(answer, '93.184.216.34');
});
