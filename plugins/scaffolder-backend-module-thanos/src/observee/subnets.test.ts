import { subnetLayout } from './subnets';

describe('subnetLayout', () => {
  it('keeps the reference layout for a /16', () => {
    expect(subnetLayout('10.20.0.0/16')).toEqual({
      private: ['10.20.1.0/24', '10.20.2.0/24', '10.20.3.0/24'],
      public: ['10.20.101.0/24', '10.20.102.0/24', '10.20.103.0/24'],
    });
  });

  it('cuts a smaller VPC into eighths without overlap', () => {
    expect(subnetLayout('10.30.16.0/20')).toEqual({
      private: ['10.30.16.0/23', '10.30.18.0/23', '10.30.20.0/23'],
      public: ['10.30.24.0/23', '10.30.26.0/23', '10.30.28.0/23'],
    });
  });
});
