module.exports = {
  register() {},

  async bootstrap({ strapi }) {
    // `npm run demo` sets POLICY_DEMO; tests and benchmarks seed their own data.
    if (process.env.POLICY_DEMO === '1') await require('../demo/seed').seedDemo(strapi);
  },
};
