import { describe, expect, it } from 'vitest';
import { sitePattern } from './hosts.ts';

describe('sitePattern', () => {
  it('gives the host pattern of an http(s) page, without port or credentials', () => {
    expect(sitePattern('http://localhost:3000/app?x=1')).toBe('http://localhost/*');
    expect(sitePattern('HTTPS://User:pw@App.Example.com/path')).toBe('https://app.example.com/*');
    expect(sitePattern('http://[::1]:8080/')).toBe('http://[::1]/*');
  });

  it('has none for pages the extension cannot be granted', () => {
    expect(sitePattern('chrome://extensions/')).toBeUndefined();
    expect(sitePattern('file:///tmp/x.html')).toBeUndefined();
    expect(sitePattern(undefined)).toBeUndefined();
  });
});
