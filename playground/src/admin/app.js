// Offer the admin in Russian and Kazakh too; Strapi's own screens have no Kazakh text and show English there.
export default {
  config: {
    locales: ['ru', 'kk'],
  },
  bootstrap() {},
};
