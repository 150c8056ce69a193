/**
 * The country of a client address, from an offline MMDB database read once at start: the CC0
 * `@ip-location-db/geo-whois-asn-country-mmdb` shipped in npm (nothing is downloaded), or the
 * file GEOIP_DATABASE names (a licensed GeoIP2 Country one, say). The address is looked up and
 * forgotten: only the ISO 3166-1 alpha-2 code is kept, or null when the database does not know
 * the address (private, reserved, unassigned).
 */
import { InjectConfig, type BeaconConfig } from '@beacon/config';
import { Injectable, Logger } from '@nestjs/common';
import { Reader, type Response } from 'maxmind';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';

/** ip-location-db's records carry `country_code`; MaxMind's GeoIP2 ones `country.iso_code`. */
interface CountryRecord {
  country_code?: string;
  country?: { iso_code?: string };
}

const ISO_CODE = /^[A-Z]{2}$/;
const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

export const PACKAGED_DATABASE =
  require.resolve('@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb');

@Injectable()
export class CountryResolver {
  private readonly reader: Reader<Response>;

  constructor(@InjectConfig() config: BeaconConfig) {
    const path = config.visits.geoipDatabase ?? PACKAGED_DATABASE;
    this.reader = new Reader<Response>(readFileSync(path));
    new Logger(CountryResolver.name).log(
      `countries from ${path} (${this.reader.metadata.databaseType}, built ${this.reader.metadata.buildEpoch.toISOString().slice(0, 10)})`,
    );
  }

  countryOf(address: string | undefined): string | null {
    if (!address) return null;
    // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d, which the databases key as a.b.c.d.
    const ip = IPV4_MAPPED.exec(address)?.[1] ?? address;
    if (isIP(ip) === 0) return null;
    const record = this.reader.get(ip) as CountryRecord | null;
    const code = (record?.country_code ?? record?.country?.iso_code)?.toUpperCase();
    return code && ISO_CODE.test(code) ? code : null;
  }
}
